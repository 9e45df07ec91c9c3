package dev.agentd.events;

import dev.agentd.store.Database;
import dev.agentd.store.Db;
import dev.agentd.store.EventDao;
import dev.agentd.store.EventRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists events in batches on one thread: whatever accumulated while the previous batch was
 * written goes into the next transaction, so streaming tokens does not cost one commit each. Other
 * writes that must follow events (a run's end) join the same transaction, so the ends of many runs
 * share one commit.
 */
final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final int MAX_BATCH = 2000;

    private sealed interface Item permits Row, Work {}
    private record Row(EventRow row) implements Item {}
    /** Writes committed after every event queued before them; {@code done} completes after the commit. */
    private record Work(Consumer<Db> write, CompletableFuture<Void> done) implements Item {}

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Database database;
    private final Thread thread;
    private volatile boolean closing;

    EventWriter(Database database) {
        this.database = database;
        this.thread = Thread.ofPlatform().daemon().name("event-writer").start(this::loop);
    }

    void append(EventRow row) {
        queue.add(new Row(row));
    }

    /**
     * Commits {@code write} with, or after, every event appended before this call, and returns once
     * it is committed.
     *
     * @throws RuntimeException what {@code write} or its commit threw
     */
    void commit(Consumer<Db> write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Work(write, done));
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Whether at least {@code n} items wait for the next batch (tests use it to fill one batch). */
    boolean queued(int n) {
        return queue.size() >= n;
    }

    /** Queues {@code write} to commit with, or after, every event appended before this call. */
    void later(Consumer<Db> write) {
        queue.add(new Work(write, new CompletableFuture<>()));
    }

    /** Returns once every event appended before this call is committed. */
    void flush() {
        commit(db -> {});
    }

    private void loop() {
        List<Item> items = new ArrayList<>();
        List<EventRow> rows = new ArrayList<>();
        List<Work> works = new ArrayList<>();
        while (true) {
            try {
                items.add(queue.take());
            } catch (InterruptedException e) {
                if (closing && queue.isEmpty()) return;
                continue;
            }
            queue.drainTo(items, MAX_BATCH);
            for (Item item : items) {
                switch (item) {
                    case Row(EventRow row) -> rows.add(row);
                    case Work work -> works.add(work);
                }
            }
            try {
                write(rows, works);
            } catch (Throwable t) {
                // anything else (out of memory) fails this batch's waiters; the writer goes on
                log.error("could not persist {} events and {} writes", rows.size(), works.size(), t);
                for (Work work : works) work.done().completeExceptionally(t);
            }
            items.clear();
            rows.clear();
            works.clear();
        }
    }

    private void write(List<EventRow> rows, List<Work> works) {
        try {
            database.useTransaction(db -> {
                if (!rows.isEmpty()) db.attach(EventDao.class).insertAll(rows);
                for (Work work : works) work.write().accept(db);
            });
            for (Work work : works) work.done().complete(null);
        } catch (RuntimeException e) {
            if (works.isEmpty()) {
                log.error("could not persist {} events", rows.size(), e);
                return;
            }
            // one failing write must not take the others down with it: each on its own
            write(rows, List.of());
            for (Work work : works) {
                try {
                    database.useTransaction(work.write());
                    work.done().complete(null);
                } catch (RuntimeException failed) {
                    log.error("could not write a state change queued behind events", failed);
                    work.done().completeExceptionally(failed);
                }
            }
        }
    }

    @Override
    public void close() {
        flush();
        closing = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
