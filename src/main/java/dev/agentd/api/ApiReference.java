package dev.agentd.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API's description, {@code openapi.yaml} in the jar (written by hand, the one description of
 * every route), served as JSON at {@code /api/v1/openapi.json} without a key; and the reference
 * page at {@code /docs} that Swagger UI renders from it, served from its webjar.
 */
final class ApiReference {
    static final String DOCUMENT = "/api/v1/openapi.json";
    static final String PAGE = "/docs";
    private static final String PAGE_RESOURCE = "/web/docs/index.html";
    private static final String VIEWER = "/META-INF/resources/webjars/swagger-ui/";
    /** Swagger UI sets styles inline and shows its icons as data: images; scripts stay this server's own. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final byte[] document;
    private final byte[] page;

    ApiReference() {
        try {
            this.document = new ObjectMapper()
                    .writeValueAsBytes(new YAMLMapper().readTree(JarResources.bytes("/openapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml in the jar cannot be read", e);
        }
        this.page = JarResources.bytes(PAGE_RESOURCE);
    }

    /** The viewer's files at {@code /docs/assets/…}, straight from its webjar. */
    static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = PAGE + "/assets";
            files.directory = VIEWER + viewerVersion();
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=86400", "X-Content-Type-Options", "nosniff");
        });
    }

    void document(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    void page(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8")
                .result(page);
    }

    /** The version of the Swagger UI webjar on the class path, from its Maven metadata. */
    private static String viewerVersion() {
        Properties maven = new Properties();
        try (InputStream in =
                ApiReference.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IllegalStateException("the jar has no Swagger UI webjar");
            maven.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return maven.getProperty("version");
    }
}
