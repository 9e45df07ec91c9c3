package dev.agentd.store;

import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.TaskUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The runs of tasks: when each started, where its events begin, how it ended and what it used. */
public interface RunStore {
    /**
     * What a run used of its model: tokens ({@code cachedTokens} of the prompt's came from the
     * provider's cache) and model turns.
     */
    record Usage(long promptTokens, long completionTokens, long cachedTokens, long modelCalls) {}

    /** One project's use on one day (UTC), for {@code bin/agentd usage}. */
    record DailyUsage(
            String project, String day, long runs, long promptTokens, long completionTokens, long modelCalls) {}

    /** The number the task's next run gets. */
    long next(String taskId);

    void start(String taskId, long runId, long firstSeq, Instant at);

    void end(String taskId, long runId, TaskStatus status, Instant at, Usage usage);

    /** The number of the task's latest run, 0 when it has none. */
    long last(String taskId);

    /** The seq of the run's first event. */
    long firstSeq(String taskId, long runId);

    /** The usage of each of {@code taskIds} that has runs, summed over them. */
    Map<String, TaskUsage> usage(List<String> taskIds);

    /** Use per project and day of runs started since {@code since}, oldest day first. */
    List<DailyUsage> daily(Instant since);
}
