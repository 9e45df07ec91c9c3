package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Follow-ups queued behind a task's active run, in order. */
public interface FollowUpStore {
    record FollowUp(long id, String taskId, String content, String attachedFilesJson, Instant createdAt) {}

    void add(String taskId, String content, String attachedFilesJson, Instant at);

    Optional<FollowUp> next(String taskId);

    void remove(long id);

    int removeAll(String taskId);

    /** Tasks with queued follow-ups, in the order of their oldest. */
    List<String> tasksWithAny();
}
