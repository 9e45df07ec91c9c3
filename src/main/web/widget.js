// agentd's chat widget. On any page:
//   <script src="https://agentd.example/widget.js"></script>
//   <script>AgentdWidget.init({ getToken: () => fetch('/agentd-token').then((r) => r.json()) });</script>
// getToken resolves to a widget token (POST /api/v1/auth/token, done by the page's backend) or to
// {token, expiresAt}. baseUrl defaults to where this script came from.
(function () {
  const script = document.currentScript;
  const here = script ? new URL('.', script.src).href : undefined;
  window.AgentdWidget = {
    init(options = {}) {
      const baseUrl = new URL(options.baseUrl ?? here, location.href).href.replace(/\/*$/, '/');
      return import(new URL('widget/main.js', baseUrl).href).then((widget) => widget.mount({ ...options, baseUrl }));
    },
  };
})();
