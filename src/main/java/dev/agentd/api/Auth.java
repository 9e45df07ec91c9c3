package dev.agentd.api;

import dev.agentd.auth.Authenticator;
import dev.agentd.auth.Principal;
import dev.agentd.errors.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Reads the caller's credentials from Authorization: Bearer or X-API-Key (task-api.md §2): an API
 * key, or a widget token, which must come from one of its app's origins when a browser sends it.
 */
final class Auth {
    private static final String ATTRIBUTE = "agentd.principal";

    private final Authenticator authenticator;
    private final Cors cors;

    Auth(Authenticator authenticator, Cors cors) {
        this.authenticator = authenticator;
        this.cors = cors;
    }

    /**
     * Before every /api route but the preflights, the token exchange and the API's description,
     * which take no credentials.
     */
    void check(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS
                || ctx.path().equals(TokenHandler.PATH)
                || ctx.path().equals(ApiReference.DOCUMENT))
            return; // preflights are Cors's; the exchange and the description take no credentials
        String token = null;
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiException.unauthorized("INVALID_AUTH_FORMAT", "Authorization must be 'Bearer <token>'");
            }
            token = authorization.substring(7).strip();
        } else {
            String header = ctx.header("X-API-Key");
            if (header != null && !header.isBlank()) token = header.strip();
        }
        if (token == null || token.isEmpty()) {
            throw ApiException.unauthorized(
                    "AUTH_REQUIRED",
                    "Send an API key or a widget token as 'Authorization: Bearer <token>', or a key as 'X-API-Key'");
        }
        Principal caller = authenticator.authenticate(token);
        if (caller instanceof Principal.EndUser user) cors.admit(ctx, user);
        ctx.attribute(ATTRIBUTE, caller);
    }

    /** Who makes the request (set by {@link #check} before every /api route). */
    static Principal caller(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
