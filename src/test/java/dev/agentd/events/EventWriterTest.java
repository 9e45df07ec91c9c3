package dev.agentd.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.store.ApiKeyDao;
import dev.agentd.store.ApiKeyRow;
import dev.agentd.store.Database;
import dev.agentd.store.EventRow;
import dev.agentd.store.TaskDao;
import dev.agentd.store.TaskRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWriterTest {
    @TempDir
    Path dir;

    @Test
    void oneFailingWriteInABatchFailsAloneAndTheEventsAndOtherWritesOfThatBatchAreCommitted() throws Exception {
        try (Database database = Database.open(dir.resolve("agentd.db"))) {
            Instant now = Instant.now();
            database.dao(ApiKeyDao.class).insert(new ApiKeyRow("key", "test", "hash", now, null, null));
            database.dao(TaskDao.class).insert(new TaskRow("task", "key", "test", "session", "1-a", "running",
                    "hi", null, true, true, null, null, null, now, now, null, now, 1), 1);
            try (EventWriter writer = new EventWriter(database)) {
                // hold the writer inside a transaction, so that everything below is drained as one batch
                CountDownLatch inside = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Thread.startVirtualThread(() -> writer.commit(db -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                inside.await();
                writer.append(new EventRow("task", 1, 1, "content", "{\"text\":\"a\"}"));
                CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> writer.commit(
                        db -> db.handle().execute("INSERT INTO no_such_table VALUES (1)")), Thread::startVirtualThread);
                CompletableFuture<Void> good = CompletableFuture.runAsync(() -> writer.commit(
                        db -> db.attach(TaskDao.class).setStatus("task", "completed", now)), Thread::startVirtualThread);
                while (!writer.queued(3)) Thread.onSpinWait();
                release.countDown();
                good.join();
                Exception failed = assertThrows(Exception.class, failing::join);
                assertTrue(failed.getCause() instanceof JdbiException, failed.toString());
            }
            assertEquals("completed", database.dao(TaskDao.class).find("task").orElseThrow().status());
            int events = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events")
                    .mapTo(Integer.class).one());
            assertEquals(1, events);
        }
    }
}
