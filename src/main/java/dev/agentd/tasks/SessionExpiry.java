package dev.agentd.tasks;

import dev.agentd.domain.Times;
import dev.agentd.runner.Runner;
import dev.agentd.runner.Session;
import dev.agentd.runner.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases sessions idle for longer than AGENTD_SESSION_IDLE_TIMEOUT (task-api.md §7): their memory,
 * grants and secrets go; history and workspace stay. A task with an active run never expires.
 * Each sweep also lets go of the locks and event channels of tasks idle at that moment.
 */
public final class SessionExpiry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionExpiry.class);

    private final Sessions sessions;
    private final Runner runner;
    private final TaskService service;
    private final Duration timeout;
    private final Thread thread;

    public SessionExpiry(Sessions sessions, Runner runner, TaskService service, Duration timeout) {
        this.sessions = sessions;
        this.runner = runner;
        this.service = service;
        this.timeout = timeout;
        Duration every = timeout.dividedBy(4);
        long sleep = Math.clamp(every.toMillis(), 20, 30_000);
        this.thread = Thread.ofVirtual().name("session-expiry").start(() -> loop(sleep));
    }

    private void loop(long sleepMillis) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                return;
            }
            sweep(Times.now());
        }
    }

    /** Releases every session idle since before {@code now - timeout}, and what idle tasks hold. */
    void sweep(Instant now) {
        Instant cutoff = now.minus(timeout);
        for (Map.Entry<String, Session> e : sessions.all().entrySet()) {
            String taskId = e.getKey();
            Session s = e.getValue();
            if (s.lastActivity().isBefore(cutoff) && runner.active(taskId).isEmpty()) {
                if (sessions.all().remove(taskId, s)) {
                    s.close();
                    service.letGoIfIdle(taskId);
                    log.info("session {} of task {} expired", s.id(), taskId);
                }
            }
        }
        service.releaseIdle();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
