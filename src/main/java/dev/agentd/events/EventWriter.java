package dev.agentd.events;

import dev.agentd.metrics.Metrics;
import dev.agentd.store.EventStore;
import dev.agentd.store.Store;
import dev.agentd.store.StoreException;
import java.time.Duration;
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
 * share one commit. A batch that fails is tried again a few times, its events on their own and each
 * other write on its own, so that one bad write fails alone and a passing fault loses nothing.
 */
final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final int MAX_BATCH = 2000;
    private static final List<Duration> RETRIES =
            List.of(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));

    private sealed interface Item permits Row, Work {}

    private record Row(EventStore.Appended event) implements Item {}

    /** Writes committed after every event queued before them; {@code done} completes after the commit. */
    private record Work(Consumer<Store> write, CompletableFuture<Void> done) implements Item {}

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Store store;
    private final Metrics metrics;
    private final Thread thread;
    private volatile boolean closing;

    EventWriter(Store store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.thread = Thread.ofPlatform().daemon().name("event-writer").start(this::loop);
    }

    void append(EventStore.Appended event) {
        queue.add(new Row(event));
    }

    /**
     * Commits {@code write} with, or after, every event appended before this call, and returns once
     * it is committed.
     *
     * @throws RuntimeException what {@code write} or its commit threw, when every try failed
     */
    void commit(Consumer<Store> write) {
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
    void later(Consumer<Store> write) {
        queue.add(new Work(write, new CompletableFuture<>()));
    }

    /** Returns once every event appended before this call is committed. */
    void flush() {
        commit(s -> {});
    }

    private void loop() {
        List<Item> items = new ArrayList<>();
        List<EventStore.Appended> rows = new ArrayList<>();
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
                    case Row(EventStore.Appended row) -> rows.add(row);
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

    private void write(List<EventStore.Appended> rows, List<Work> works) {
        try {
            long started = System.nanoTime();
            transaction(rows, works);
            metrics.committed(rows.size(), rows.size() + works.size(), (System.nanoTime() - started) / 1e9);
            for (Work work : works) work.done().complete(null);
            return;
        } catch (RuntimeException e) {
            log.warn(
                    "a batch of {} events and {} writes failed; writing them one by one: {}",
                    rows.size(),
                    works.size(),
                    e.toString());
        }
        if (!rows.isEmpty()) {
            RuntimeException failed = retried(() -> transaction(rows, List.of()));
            if (failed != null) log.error("lost {} events that could not be stored", rows.size(), failed);
        }
        for (Work work : works) {
            RuntimeException failed = retried(() -> transaction(List.of(), List.of(work)));
            if (failed == null) {
                work.done().complete(null);
            } else {
                log.error("a write queued behind events failed", failed);
                work.done().completeExceptionally(failed);
            }
        }
    }

    /**
     * Runs {@code attempt} until it succeeds, or fails otherwise than by the store (a fault of the
     * write itself, which another try would not mend), or every retry failed; the last failure, or null.
     */
    private RuntimeException retried(Runnable attempt) {
        RuntimeException last = null;
        for (int i = 0; i <= RETRIES.size(); i++) {
            if (i > 0) {
                try {
                    Thread.sleep(RETRIES.get(i - 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return last;
                }
            }
            try {
                attempt.run();
                return null;
            } catch (StoreException e) {
                last = e;
            } catch (RuntimeException e) {
                return e;
            }
        }
        return last;
    }

    private void transaction(List<EventStore.Appended> rows, List<Work> works) {
        store.useTransaction(s -> {
            if (!rows.isEmpty()) s.events().append(rows);
            for (Work work : works) work.write().accept(s);
        });
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
