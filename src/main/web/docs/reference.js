// The API reference: Swagger UI over the server's own description of its API.
/* global SwaggerUIBundle */
SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  tryItOutEnabled: false,
  // nothing leaves this server: no validator badge calling out to swagger.io
  validatorUrl: null,
});
