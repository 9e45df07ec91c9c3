package dev.agentd.api;

import dev.agentd.auth.ApiKeys;
import dev.agentd.auth.Principal;
import dev.agentd.errors.ApiException;
import io.javalin.http.Context;

/** Reads the caller's key from Authorization: Bearer or X-API-Key (task-api.md §2). */
final class Auth {
    private static final String ATTRIBUTE = "agentd.principal";

    private final ApiKeys keys;

    Auth(ApiKeys keys) {
        this.keys = keys;
    }

    void check(Context ctx) {
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
                    "AUTH_REQUIRED", "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key'");
        }
        ctx.attribute(ATTRIBUTE, keys.authenticate(token));
    }

    /** Who makes the request (set by {@link #check} before every /api route). */
    static Principal caller(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
