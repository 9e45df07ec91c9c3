package dev.agentd.domain;

import java.time.Instant;

/** An API key of a project as the server knows it: never its secret, which is stored only as a hash. */
public record ApiKey(
        String id, String projectId, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
