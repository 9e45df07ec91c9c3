package dev.agentd.tasks;

import dev.agentd.domain.Times;
import dev.agentd.store.Store;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspaces;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, for good, tasks that ended longer than AGENTD_RETENTION ago with no activity since: their
 * events, messages, runs, approvals and workspace, in the background and in small batches, then
 * gives the database's free pages back to the file system.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 50;

    private final Store store;
    private final Workspaces workspaces;
    private final Duration keep;
    private final Thread thread;

    /** {@code keep}: how long a finished task stays; null keeps every task. */
    public Retention(Store store, Workspaces workspaces, Duration keep, Duration every) {
        this.store = store;
        this.workspaces = workspaces;
        this.keep = keep;
        this.thread = keep == null ? null : Thread.ofVirtual().name("retention").start(() -> loop(every));
    }

    private void loop(Duration every) {
        while (true) {
            try {
                sweep(Times.now());
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("retention sweep failed: {}", e.getMessage());
            }
        }
    }

    /** Deletes every task finished and idle since before {@code now - keep}; how many. */
    int sweep(Instant now) {
        Instant before = now.minus(keep);
        int deleted = 0;
        for (List<String> batch; !(batch = store.tasks().expired(before, BATCH)).isEmpty(); ) {
            for (String id : batch) {
                if (purge(store, workspaces, id)) deleted++;
            }
            if (Thread.currentThread().isInterrupted()) break;
        }
        if (deleted > 0) {
            store.reclaim();
            log.info("retention: deleted {} tasks finished before {}", deleted, Times.format(before));
        }
        return deleted;
    }

    /** Deletes a task's rows, then its workspace; false when it was not there. */
    public static boolean purge(Store store, Workspaces workspaces, String taskId) {
        if (!store.tasks().purge(taskId)) return false;
        Uploads.deleteTree(workspaces.of(taskId).root());
        return true;
    }

    @Override
    public void close() {
        if (thread != null) thread.interrupt();
    }
}
