package dev.agentd.events;

import dev.agentd.store.EventDao;
import dev.agentd.store.EventRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import dev.agentd.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists events in batches on one thread: whatever accumulated while the previous batch was
 * written goes into the next transaction, so streaming tokens does not cost one commit each.
 */
final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final int MAX_BATCH = 2000;

    private sealed interface Item permits Row, Barrier {}
    private record Row(EventRow row) implements Item {}
    private record Barrier(CompletableFuture<Void> done) implements Item {}

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

    /** Returns once every event appended before this call is committed. */
    void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Barrier(done));
        done.join();
    }

    private void loop() {
        List<Item> items = new ArrayList<>();
        List<EventRow> rows = new ArrayList<>();
        while (true) {
            try {
                items.add(queue.take());
            } catch (InterruptedException e) {
                if (closing && queue.isEmpty()) return;
                continue;
            }
            queue.drainTo(items, MAX_BATCH);
            for (Item item : items) {
                if (item instanceof Row(EventRow row)) rows.add(row);
            }
            write(rows);
            for (Item item : items) {
                if (item instanceof Barrier(CompletableFuture<Void> done)) done.complete(null);
            }
            items.clear();
            rows.clear();
        }
    }

    private void write(List<EventRow> rows) {
        if (rows.isEmpty()) return;
        try {
            database.useTransaction(h -> h.attach(EventDao.class).insertAll(rows));
        } catch (RuntimeException e) {
            log.error("could not persist {} events", rows.size(), e);
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
