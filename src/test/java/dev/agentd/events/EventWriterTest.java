package dev.agentd.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentd.domain.Event;
import dev.agentd.domain.EventType;
import dev.agentd.domain.TaskStatus;
import dev.agentd.metrics.Metrics;
import dev.agentd.store.EventStore;
import dev.agentd.store.StoreException;
import dev.agentd.store.sql.SqlStore;
import dev.agentd.support.Stores;
import dev.agentd.support.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWriterTest {
    @TempDir
    Path dir;

    @Test
    void oneFailingWriteInABatchFailsAloneAndTheEventsAndOtherWritesOfThatBatchAreCommitted() throws Exception {
        try (SqlStore store = (SqlStore) TestDatabases.open(dir)) {
            Stores.pendingTask(store, "key", "task");
            try (EventWriter writer = new EventWriter(store, new Metrics())) {
                // hold the writer inside a transaction, so that everything below is drained as one batch
                CountDownLatch inside = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Thread.startVirtualThread(() -> writer.commit(s -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                inside.await();
                writer.append(new EventStore.Appended("task", new Event(1, 1, EventType.CONTENT, "{\"text\":\"a\"}")));
                CompletableFuture<Void> failing = CompletableFuture.runAsync(
                        () -> writer.commit(
                                s -> store.database().jdbi().useHandle(h -> h.execute("SELECT * FROM no_such_table"))),
                        Thread::startVirtualThread);
                CompletableFuture<Void> good = CompletableFuture.runAsync(
                        () -> writer.commit(s -> s.tasks().markRunning("task", Instant.now())),
                        Thread::startVirtualThread);
                await().until(() -> writer.queued(3));
                release.countDown();
                good.join();
                assertThrows(Exception.class, failing::join);
            }
            assertEquals(
                    TaskStatus.RUNNING, store.tasks().find("task").orElseThrow().status());
            assertEquals(1, store.events().between("task", 0, Long.MAX_VALUE).size());
        }
    }

    @Test
    void aWriteTheStoreRefusesForAMomentIsTriedAgainAndLosesNothing() throws Exception {
        try (SqlStore store = (SqlStore) TestDatabases.open(dir)) {
            Stores.pendingTask(store, "key", "task");
            int[] failures = {2};
            try (EventWriter writer = new EventWriter(store, new Metrics())) {
                writer.append(new EventStore.Appended("task", new Event(1, 1, EventType.CONTENT, "{\"text\":\"a\"}")));
                writer.commit(s -> {
                    if (failures[0]-- > 0) throw new StoreException("disk busy", null);
                    s.tasks().markRunning("task", Instant.now());
                });
            }
            assertEquals(
                    TaskStatus.RUNNING, store.tasks().find("task").orElseThrow().status());
            assertEquals(
                    1, store.events().between("task", 0, Long.MAX_VALUE).size(), "the events of the batch are kept");
        }
    }
}
