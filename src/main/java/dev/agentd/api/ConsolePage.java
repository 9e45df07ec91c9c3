package dev.agentd.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The console's one HTML page, at {@code /} and at every other path outside {@code /api/} that
 * names no file, so that its client-side routes ({@code /tasks/<id>}) can be opened directly. It
 * runs under a strict policy: scripts, styles and connections from this server only, no inline
 * script, no framing, images from here or made in the page.
 */
final class ConsolePage {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String RESOURCE = "/web/console/index.html";

    private final byte[] html;

    ConsolePage() {
        this.html = JarResources.bytes(RESOURCE);
    }

    /** Whether a request that found no route is the console's to answer. */
    static boolean serves(Context ctx) {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) return false;
        String path = ctx.path();
        if (path.startsWith("/api/") || path.equals("/api") || path.equals(MetricsEndpoint.PATH)) return false;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    void serve(Context ctx) {
        ctx.status(200)
                .contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .result(html);
    }
}
