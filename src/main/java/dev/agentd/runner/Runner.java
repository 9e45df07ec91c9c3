package dev.agentd.runner;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks' runs on virtual threads, at most one per task (the loop limits how many run at once).
 * The run that is active for a task stays registered until its end callback releases it.
 */
public final class Runner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);

    private final AgentLoop loop;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentHashMap<String, RunHandle> active = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public Runner(AgentLoop loop) {
        this.loop = loop;
    }

    /**
     * Starts {@code run}; {@code onEnd} is called on the run's thread after its terminal event, and
     * must {@link #release} it or start the task's next run. Returns false once shutting down.
     */
    public boolean start(RunHandle run, Consumer<RunHandle> onEnd) {
        if (closing) return false;
        active.put(run.taskId(), run);
        executor.execute(() -> {
            run.attach(Thread.currentThread());
            try {
                loop.run(run);
            } finally {
                try {
                    onEnd.accept(run);
                } finally {
                    run.markEnded();
                }
            }
        });
        return true;
    }

    public Optional<RunHandle> active(String taskId) {
        return Optional.ofNullable(active.get(taskId));
    }

    /** Forgets {@code run} as its task's active run. */
    public void release(RunHandle run) {
        active.remove(run.taskId(), run);
    }

    /** Asks the task's active run to stop; false when there is none. */
    public boolean cancel(String taskId, String reason) {
        RunHandle run = active.get(taskId);
        if (run == null) return false;
        run.cancel(reason);
        return true;
    }

    public boolean closing() {
        return closing;
    }

    /** Gives runs {@code grace} to finish, then interrupts the rest and waits for them to record it. */
    public void shutdown(Duration grace) {
        closing = true;
        executor.shutdown();
        // a run waiting for approval loses nothing by stopping now: it stays awaiting across the restart
        active.values().stream().filter(RunHandle::parked).forEach(r -> r.cancel(RunHandle.SHUTDOWN));
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("interrupting {} runs still active after the grace period", active.size());
                active.values().forEach(r -> r.cancel(RunHandle.SHUTDOWN));
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("runs did not stop within 10 s of being interrupted");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
