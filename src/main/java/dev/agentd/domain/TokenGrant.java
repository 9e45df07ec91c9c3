package dev.agentd.domain;

import java.time.Instant;
import java.util.Map;

/**
 * What one token exchange gave an end user, kept under the token's id: env, and secrets sealed
 * (encrypted) so that the store never holds them readable.
 */
public record TokenGrant(
        String id, String appId, String endUserId, Map<String, String> env, byte[] sealedSecrets, Instant expiresAt) {}
