package dev.agentd.store;

import java.time.Instant;

/** One stored message; the list-valued fields are JSON text or null. */
public record MessageRow(
        String taskId,
        int idx,
        String id,
        String role,
        String content,
        Instant createdAt,
        String attachedFiles,
        String thoughts,
        String toolCalls) {}
