package dev.agentd.auth;

import dev.agentd.errors.ApiException;

/**
 * Who a request's credentials name (task-api.md §2): an API key ({@code sigmic_…}) or a widget
 * token ({@code eyJ…}) of an app that is still active.
 */
public final class Authenticator {
    private final ApiKeys keys;
    private final WidgetTokens tokens;
    private final WidgetApps apps;

    public Authenticator(ApiKeys keys, WidgetTokens tokens, WidgetApps apps) {
        this.keys = keys;
        this.tokens = tokens;
        this.apps = apps;
    }

    /** @throws ApiException 401 with INVALID_AUTH_FORMAT, INVALID_API_KEY or INVALID_TOKEN */
    public Principal authenticate(String token) {
        if (token.startsWith("sigmic_")) return keys.authenticate(token);
        if (token.startsWith("eyJ")) {
            WidgetTokens.Claims claims = tokens.verify(token);
            return apps.active(claims.appId())
                    .map(app -> (Principal) new Principal.EndUser(app, claims.endUserId(), claims.grantId()))
                    .orElseThrow(() -> ApiException.unauthorized("INVALID_TOKEN", "The token's app has been revoked"));
        }
        throw ApiException.unauthorized(
                "INVALID_AUTH_FORMAT", "Credentials must be an API key (sigmic_…) or a widget token (eyJ…)");
    }
}
