package dev.agentd.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A task (task-api.md §4): who owns it, what it was created with, and where its latest run stands.
 *
 * @param owner the API key that created it
 * @param settings what is fixed at creation and every run follows
 * @param state the latest run's status and times, and the size of the history
 */
public record Task(
        String id,
        Owner owner,
        String sessionId,
        String conversationId,
        String message,
        Settings settings,
        State state,
        Instant createdAt) {
    /** The key a task belongs to: its id, and its name (the task's {@code username}). */
    public record Owner(String keyId, String name) {}

    /** Fixed at creation. */
    public record Settings(String systemPrompt, boolean showInHistory, boolean autoExecute, Map<String, String> env) {}

    /** The latest run's status, error and times; {@code error} is null unless it failed or was cancelled. */
    public record State(
            TaskStatus status,
            RunError error,
            Instant startedAt,
            Instant completedAt,
            Instant lastActivityAt,
            int messageCount) {}

    public TaskStatus status() {
        return state.status();
    }
}
