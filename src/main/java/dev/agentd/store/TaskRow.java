package dev.agentd.store;

import java.time.Instant;

/** One row of {@code tasks}, with the owning key's name. */
public record TaskRow(
        String id,
        String apiKeyId,
        String username,
        String sessionId,
        String conversationId,
        String status,
        String message,
        String systemPrompt,
        boolean showInHistory,
        boolean autoExecute,
        String env,
        String errorCode,
        String errorMessage,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant lastActivityAt,
        int messageCount) {}
