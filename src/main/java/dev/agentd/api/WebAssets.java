package dev.agentd.api;

import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.List;
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

    /**
     * Gzip for the browser's files and the console page only: API answers and streams stay
     * uncompressed, so that every event is written the moment it happens.
     */
    static CompressionStrategy compression() {
        CompressionStrategy gzip = new CompressionStrategy(null, new Gzip(6));
        gzip.setAllowedMimeTypes(List.of("text/javascript", "text/css", "text/html", "image/svg+xml"));
        return gzip;
    }

    static void install(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
            files.precompressMaxSize = 1 << 20;
        });
    }
}
