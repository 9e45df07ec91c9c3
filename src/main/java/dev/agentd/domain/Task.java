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
    /**
     * Who a task belongs to, in its project: the API key that created it ({@code keyId}, and the key's
     * name as {@code name}), or an end user of a widget app ({@code appId} and {@code endUserId}, whose
     * id is the {@code name}), with the token grant its env and secrets come from.
     */
    public record Owner(String projectId, String keyId, String name, String appId, String endUserId, String grantId) {
        /** The owner of a task an API key creates. */
        public static Owner key(String projectId, String keyId, String name) {
            return new Owner(projectId, keyId, name, null, null, null);
        }

        /** The owner of a task a widget end user creates, under the grant of their token. */
        public static Owner endUser(String projectId, String appId, String endUserId, String grantId) {
            return new Owner(projectId, null, endUserId, appId, endUserId, grantId);
        }

        public boolean isEndUser() {
            return appId != null;
        }

        /** Whom run slots are shared between: the key, or the widget app. */
        public String slot() {
            return isEndUser() ? "app:" + appId : keyId;
        }

        /** Whether {@code other} is the same key, or the same end user of the same app. */
        public boolean sameAs(Owner other) {
            return isEndUser()
                    ? appId.equals(other.appId) && endUserId.equals(other.endUserId)
                    : keyId.equals(other.keyId);
        }
    }

    /**
     * Fixed at creation, but for {@code model}: the model the task chose (a follow-up may choose
     * another for later runs); null for its project's, else the server's. {@code webhookUrl}: where
     * its transitions are posted (its own, or its project's default when it was created), or null.
     */
    public record Settings(
            String systemPrompt,
            boolean showInHistory,
            boolean autoExecute,
            Map<String, String> env,
            String model,
            String webhookUrl) {}

    /** The latest run's status, error and times; {@code error} is null unless it failed or was cancelled. */
    public record State(
            TaskStatus status,
            RunError error,
            Instant startedAt,
            Instant completedAt,
            Instant lastActivityAt,
            int messageCount) {}

    /** The task with its owner's grant now {@code grantId} (a follow-up under a newer token). */
    public Task withGrant(String grantId) {
        return new Task(
                id,
                new Owner(owner.projectId, owner.keyId, owner.name, owner.appId, owner.endUserId, grantId),
                sessionId,
                conversationId,
                message,
                settings,
                state,
                createdAt);
    }

    public TaskStatus status() {
        return state.status();
    }
}
