package dev.agentd.store;

import java.time.Instant;

public record ApiKeyRow(String id, String name, String keyHash, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
