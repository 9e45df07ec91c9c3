package dev.agentd.store;

import dev.agentd.domain.Message;
import dev.agentd.domain.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A task's history, in order. */
public interface MessageStore {
    /** A message to store; the lists are JSON text or null. */
    record NewMessage(
            Role role,
            String content,
            Instant at,
            String attachedFilesJson,
            String thoughtsJson,
            String toolCallsJson) {
        public static NewMessage user(String content, Instant at, String attachedFilesJson) {
            return new NewMessage(Role.USER, content, at, attachedFilesJson, null, null);
        }
    }

    /** Adds a message at the end of the task's history and counts it; returns its position. */
    int append(String taskId, NewMessage message);

    /** How many messages the task's history holds. */
    int count(String taskId);

    /** Up to {@code limit} messages from position {@code from}, oldest first. */
    List<Message> page(String taskId, int from, int limit);

    Optional<Integer> indexOf(String taskId, String messageId);

    Optional<Message> lastOf(String taskId, Role role);
}
