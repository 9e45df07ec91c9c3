package dev.agentd.store;

import java.time.Instant;

/** A follow-up waiting for the task's current run to end. */
public record FollowUpRow(long id, String taskId, String content, String attachedFiles, Instant createdAt) {}
