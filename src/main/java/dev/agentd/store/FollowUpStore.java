package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Follow-ups queued behind a task's active run, in order. */
public interface FollowUpStore {
    /** {@code model}: the model it chose for its run and later ones, or null. */
    record FollowUp(
            long id, String taskId, String content, String attachedFilesJson, String model, Instant createdAt) {}

    void add(String taskId, String content, String attachedFilesJson, String model, Instant at);

    Optional<FollowUp> next(String taskId);

    void remove(long id);

    int removeAll(String taskId);

    /** Tasks with queued follow-ups, in the order of their oldest. */
    List<String> tasksWithAny();
}
