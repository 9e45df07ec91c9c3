package dev.agentd.domain;

import java.time.Instant;
import java.util.List;

/**
 * A widget app of a project: its backend exchanges the app's credentials for end-user tokens, and
 * browsers may use those tokens only from its allowed origins.
 */
public record WidgetApp(
        String id, String projectId, String name, List<String> origins, Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
