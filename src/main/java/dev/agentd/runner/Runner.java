package dev.agentd.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.CancelReason;
import dev.agentd.domain.Task;
import dev.agentd.events.EventHub;
import dev.agentd.logs.Logs;
import dev.agentd.metrics.Metrics;
import dev.agentd.store.Store;
import dev.agentd.workspace.Workspaces;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs tasks' runs on virtual threads, at most one per task, within the run slots. The run that is
 * active for a task stays registered until its listener has heard of its end (and perhaps started
 * the task's next run).
 */
public final class Runner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);

    private final AgentLoop loop;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentHashMap<String, RunHandle> active = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** Runs share {@code maxConcurrentRuns} slots, at most {@code maxRunsPerKey} of them for one key. */
    public Runner(
            Store store,
            EventHub hub,
            Sessions sessions,
            Approvals approvals,
            Agent agent,
            Workspaces workspaces,
            OwnerVariables ownerVariables,
            ObjectMapper json,
            int maxConcurrentRuns,
            int maxRunsPerKey,
            Metrics metrics) {
        RunSlots slots = new RunSlots(maxConcurrentRuns, maxRunsPerKey);
        metrics.gauge("agentd_runs_active", "Runs holding a run slot", slots::used);
        metrics.gauge("agentd_runs_queued", "Runs waiting for a free run slot", slots::waiting);
        this.loop =
                new AgentLoop(store, hub, sessions, approvals, agent, workspaces, ownerVariables, json, slots, metrics);
    }

    /**
     * Starts {@code run}, telling {@code listener} of its steps and its end on the run's own thread.
     * Returns false once shutting down.
     */
    public boolean start(RunHandle run, RunListener listener) {
        if (closing) return false;
        active.put(run.taskId(), run);
        executor.execute(() -> {
            run.attach(Thread.currentThread());
            MDC.put(Logs.TASK_ID, run.taskId());
            MDC.put(Logs.RUN_ID, String.valueOf(run.runId()));
            try {
                AgentLoop.End end = loop.run(run, listener);
                if (end != null) {
                    listener.ended(run, end.outcome(), end.output(), end.usage());
                }
            } catch (RuntimeException e) {
                log.error("the end of run {} of task {} could not be recorded", run.runId(), run.taskId(), e);
            } finally {
                active.remove(run.taskId(), run);
                run.markEnded();
            }
        });
        return true;
    }

    public Optional<RunHandle> active(String taskId) {
        return Optional.ofNullable(active.get(taskId));
    }

    /** How many runs are active for tasks of the same owner as {@code owner} (the same key or end user). */
    public long activeOf(Task.Owner owner) {
        return active.values().stream()
                .filter(r -> r.task().owner().sameAs(owner))
                .count();
    }

    /**
     * Forgets {@code run} as its task's active run. Its listener calls this from {@link RunListener#ended}
     * when no next run follows, under whatever orders its decisions about the task, so that a follow-up
     * never finds a run active that has already ended without starting it.
     */
    public void release(RunHandle run) {
        active.remove(run.taskId(), run);
    }

    public boolean closing() {
        return closing;
    }

    /** Gives runs {@code grace} to finish, then interrupts the rest and waits for them to record it. */
    public void shutdown(Duration grace) {
        closing = true;
        executor.shutdown();
        // a run waiting for approval loses nothing by stopping now: it stays awaiting across the restart
        active.values().stream().filter(RunHandle::parked).forEach(r -> r.cancel(CancelReason.SHUTDOWN));
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("interrupting {} runs still active after the grace period", active.size());
                active.values().forEach(r -> r.cancel(CancelReason.SHUTDOWN));
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("runs did not stop within 10 s of being interrupted");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.closeSessions();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
