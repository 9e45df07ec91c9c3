package dev.agentd.auth;

import dev.agentd.domain.Times;
import dev.agentd.domain.WidgetApp;
import dev.agentd.errors.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /api/v1/auth/token} (task-api.md §11): an app's credentials for an end user's token. */
public final class TokenExchange {
    private static final Pattern EXPIRES_IN = Pattern.compile("([1-9][0-9]{0,6})([smhd])");
    private static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final int MAX_END_USER_ID = 256;

    /** A validated request; env and secrets already checked as a task's are. */
    public record Request(
            String appId,
            String appSecret,
            String endUserId,
            String expiresIn,
            Map<String, String> env,
            Map<String, String> secrets) {}

    public record Issued(String token, Instant expiresAt) {}

    private final WidgetApps apps;
    private final WidgetTokens tokens;
    private final Grants grants;
    private final Duration maxTtl;
    private final boolean enabled;

    /** {@code enabled} false: every exchange is 501 JWT_NOT_CONFIGURED (AGENTD_WIDGET_TOKENS=false). */
    public TokenExchange(WidgetApps apps, WidgetTokens tokens, Grants grants, Duration maxTtl, boolean enabled) {
        this.apps = apps;
        this.tokens = tokens;
        this.grants = grants;
        this.maxTtl = maxTtl;
        this.enabled = enabled;
    }

    public Issued exchange(Request r) {
        if (!enabled) {
            throw new ApiException(
                    501, "JWT_NOT_CONFIGURED", "Widget tokens are switched off on this server (AGENTD_WIDGET_TOKENS)");
        }
        if (blank(r.appId()) || blank(r.appSecret())) {
            throw new ApiException(400, "MISSING_CREDENTIALS", "appId and appSecret are required");
        }
        if (blank(r.endUserId())) throw new ApiException(400, "MISSING_END_USER_ID", "endUserId is required");
        if (r.endUserId().length() > MAX_END_USER_ID || r.endUserId().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.validation(
                    "endUserId must be at most " + MAX_END_USER_ID + " characters, without control characters");
        }
        Duration ttl = ttl(r.expiresIn());
        WidgetApp app = apps.verify(r.appId(), r.appSecret());
        Instant now = Times.now();
        Instant expiresAt = now.plus(ttl);
        String id = UUID.randomUUID().toString();
        grants.add(id, app.id(), r.endUserId(), r.env(), r.secrets(), expiresAt);
        return new Issued(tokens.issue(app.id(), r.endUserId(), id, now, expiresAt), expiresAt);
    }

    /** {@code 30m}, {@code 1h}, {@code 7d}…, at most the server's limit; one hour when absent. */
    private Duration ttl(String expiresIn) {
        if (expiresIn == null) return DEFAULT_TTL;
        Matcher m = EXPIRES_IN.matcher(expiresIn.strip());
        if (!m.matches()) {
            throw new ApiException(
                    400, "INVALID_EXPIRES_IN", "expiresIn must be a number with s, m, h or d, such as 30m, 1h or 7d");
        }
        Duration ttl = Times.duration(Long.parseLong(m.group(1)), m.group(2));
        if (ttl.compareTo(maxTtl) > 0) {
            throw new ApiException(
                    400,
                    "INVALID_EXPIRES_IN",
                    "expiresIn may be at most " + maxTtl.toHours() + "h on this server (AGENTD_TOKEN_MAX_EXPIRY)");
        }
        return ttl;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
