package dev.agentd.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The browser code served from the jar ({@code src/main/web}): {@code /widget.js} and the modules
 * it loads. Pages on other origins load the widget as ES modules, which browsers fetch with CORS,
 * so these public files (and only they) are readable from any origin.
 */
final class WebAssets {
    private static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "Access-Control-Allow-Origin", "*",
            "Cross-Origin-Resource-Policy", "cross-origin",
            "X-Content-Type-Options", "nosniff");

    private WebAssets() {}

    static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }
}
