package dev.agentd.store;

import java.time.Instant;

/** A tool call that waited or waits for a person; {@code args} is JSON text. */
public record ApprovalRow(String taskId, String callId, long runId, String toolName, String args, String status,
        String reason, Instant createdAt, Instant decidedAt) {}
