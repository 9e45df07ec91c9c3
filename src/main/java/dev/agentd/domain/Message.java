package dev.agentd.domain;

import java.time.Instant;

/**
 * One message of a task's history (task-api.md §5). Its lists (attached files, thoughts, tool
 * calls) stay as the JSON they were stored as, or null: a long history is written out as it is read,
 * without being taken apart and put together again.
 */
public record Message(
        String id,
        Role role,
        String content,
        Instant createdAt,
        String attachedFilesJson,
        String thoughtsJson,
        String toolCallsJson) {}
