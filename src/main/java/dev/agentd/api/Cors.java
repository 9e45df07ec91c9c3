package dev.agentd.api;

import dev.agentd.auth.Principal;
import dev.agentd.auth.WidgetApps;
import dev.agentd.errors.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Cross-origin access for widgets. A preflight (which carries no credentials) is answered for an
 * origin some active widget app allows; a request with a widget token and an {@code Origin} must
 * come from one of its own app's origins, and only then gets the CORS headers. Nothing is opened to
 * other origins, and requests with API keys never get a CORS grant.
 */
final class Cors {
    static final String METHODS = "GET, POST, DELETE, OPTIONS";
    static final String HEADERS = "Authorization, Content-Type, Last-Event-ID, Idempotency-Key";
    static final String EXPOSED = "Retry-After, X-Request-Id, Content-Disposition, Content-Range, Content-Length";

    private final WidgetApps apps;

    Cors(WidgetApps apps) {
        this.apps = apps;
    }

    /** Answers {@code OPTIONS /api/*} itself, before any route. */
    void preflight(Context ctx) {
        if (ctx.method() != HandlerType.OPTIONS) return;
        ctx.skipRemainingHandlers();
        ctx.header("Vary", "Origin");
        String origin = origin(ctx);
        if (origin == null || !apps.anyAllows(origin)) throw notAllowed();
        ctx.header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Allow-Headers", HEADERS)
                .header("Access-Control-Max-Age", "600")
                .status(204);
    }

    /** Lets an end user's request through from one of their app's origins (or from no browser at all). */
    void admit(Context ctx, Principal.EndUser user) {
        if (ctx.header("Origin") == null) return;
        ctx.header("Vary", "Origin");
        String origin = origin(ctx);
        if (origin == null || !user.app().origins().contains(origin)) throw notAllowed();
        ctx.header("Access-Control-Allow-Origin", origin).header("Access-Control-Expose-Headers", EXPOSED);
    }

    /** The request's origin as apps list them, or null when it is none (a sandboxed page sends "null"). */
    private static String origin(Context ctx) {
        String raw = ctx.header("Origin");
        if (raw == null) return null;
        try {
            return WidgetApps.origin(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ApiException notAllowed() {
        return new ApiException(403, "ORIGIN_NOT_ALLOWED", "This origin is not allowed for the widget app");
    }
}
