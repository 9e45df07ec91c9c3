package dev.agentd.store;

import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskPage;
import dev.agentd.domain.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tasks: created with their first message and run, read, listed, and moved through their states. */
public interface TaskStore {
    /** A task as it is created: its first run pending, its first block of sequence numbers reserved. */
    record NewTask(Task task, long seqReservedUntil) {}

    /** Stores a new task with its first user message and its first run (number 1, first event {@code firstSeq}). */
    void create(NewTask task, MessageStore.NewMessage first, long firstSeq);

    Optional<Task> find(String id);

    /** The visible tasks of {@code owner}: the key's, or the widget end user's. */
    /** The owner's tasks shown in history, newest activity first; of the given statuses, or of all when empty. */
    TaskPage listVisible(Task.Owner owner, Set<TaskStatus> statuses, int limit, int offset);

    /** The token grant the task's env and secrets now come from (the latest of its end user's). */
    void setGrant(String id, String grantId);

    /** Tasks left pending, running or awaiting approval, oldest activity first. */
    List<Task> busy();

    /**
     * Moves the task to {@code status} if it is in one of the statuses {@link TaskStatus#from()}
     * allows; false when it is not.
     */
    boolean transition(String id, TaskStatus status, Instant at);

    /** pending → running: the run's start time, its error cleared. */
    boolean markRunning(String id, Instant at);

    /** The end of a run: its final status and error. */
    boolean markEnded(String id, TaskStatus status, RunError error, Instant at);

    void setSession(String id, String sessionId);

    /** Up to {@code limit} tasks that ended (completed, failed, cancelled) and were last active before {@code before}. */
    List<String> expired(Instant before, int limit);

    /**
     * Deletes the task and everything stored of it (events, messages, runs, follow-ups, approvals,
     * idempotency keys of its follow-ups) in one transaction; false when there was no such task.
     */
    boolean purge(String id);

    /** The model the task's later runs use (a follow-up chose another). */
    void setModel(String id, String model);

    /** Reserves {@code size} event sequence numbers and returns the first of them. */
    long reserveSeq(String id, int size);
}
