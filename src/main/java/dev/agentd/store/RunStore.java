package dev.agentd.store;

import dev.agentd.domain.TaskStatus;
import java.time.Instant;

/** The runs of tasks: when each started, where its events begin, how it ended and what it used. */
public interface RunStore {
    /** What a run used of its model. */
    /** The tokens a run's model turns used; {@code cachedTokens} of the prompt's came from the provider's cache. */
    record Usage(long promptTokens, long completionTokens, long cachedTokens) {}

    /** The number the task's next run gets. */
    long next(String taskId);

    void start(String taskId, long runId, long firstSeq, Instant at);

    void end(String taskId, long runId, TaskStatus status, Instant at, Usage usage);

    /** The number of the task's latest run, 0 when it has none. */
    long last(String taskId);

    /** The seq of the run's first event. */
    long firstSeq(String taskId, long runId);
}
