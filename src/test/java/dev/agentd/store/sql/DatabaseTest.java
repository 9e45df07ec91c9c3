package dev.agentd.store.sql;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.store.StoreException;
import dev.agentd.store.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    static Path dir;

    static SqliteDatabase database;

    @BeforeAll
    static void open() {
        database = SqliteDatabase.open(dir.resolve("agentd.db"));
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE gate_test (v INTEGER)"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static void insertKey(Db db, String id) {
        db.attach(ApiKeyDao.class).insert(id, "default", id, "hash-" + id, Instant.now(), null, null);
    }

    @Test
    void aReadInsideAWriteGoesThroughTheWriterAndSeesWhatItWrote() {
        boolean seen = database.<Boolean>write(w -> {
            insertKey(w, "seen");
            return database.read(r ->
                    r == w && r.attach(ApiKeyDao.class).findByHash("hash-seen").isPresent());
        });
        assertTrue(seen);
        boolean once = database.<Boolean>read(r -> r.attach(ApiKeyDao.class) == r.attach(ApiKeyDao.class));
        assertTrue(once, "a DAO is attached once");
    }

    @Test
    void aWriteThatThrowsLeavesNothingAndTheWriterServesTheNextOne() {
        assertThrows(
                RuntimeException.class,
                () -> database.write(w -> {
                    insertKey(w, "gone");
                    throw new IllegalStateException("boom");
                }));
        boolean gone = database.<Boolean>read(
                r -> r.attach(ApiKeyDao.class).findByHash("hash-gone").isEmpty());
        assertTrue(gone);
        database.write(w -> {
            insertKey(w, "kept");
            return null;
        });
        boolean kept = database.<Boolean>read(
                r -> r.attach(ApiKeyDao.class).findByHash("hash-kept").isPresent());
        assertTrue(kept);
        StoreException e = assertThrows(
                StoreException.class,
                () -> database.write(w -> w.handle().execute("INSERT INTO no_such_table VALUES (1)")));
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    }

    @Test
    void writersQueueBehindAParkedTransactionWithoutPinningEveryCarrier() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        // The holder parks inside its write transaction, as a run does when it blocks on anything.
        Thread holder = Thread.ofVirtual().start(() -> {
            try {
                database.write(w -> {
                    w.handle().execute("INSERT INTO gate_test VALUES (0)");
                    inside.countDown();
                    awaitQuietly(release);
                    return null;
                });
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        inside.await();
        // More writers than carriers: waiting in SQLite's busy handler would pin them all, and the
        // holder could never be scheduled again to commit.
        int writers = Runtime.getRuntime().availableProcessors() + 2;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    database.write(w -> w.handle().execute("INSERT INTO gate_test VALUES (1)"));
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            await().until(() -> t.getState() == Thread.State.WAITING);
        }
        release.countDown();
        holder.join();
        for (Thread t : threads) t.join();
        assertTrue(failures.isEmpty(), () -> "writes failed: " + failures);
        int rows = database.read(r -> r.handle()
                .createQuery("SELECT count(*) FROM gate_test")
                .mapTo(Integer.class)
                .one());
        assertEquals(writers + 1, rows);
    }

    @Test
    void aReadBeyondTheOpenReadersWaitsForOneToBeGivenBack() throws Exception {
        CountDownLatch holding = new CountDownLatch(SqliteDatabase.READERS);
        CountDownLatch release = new CountDownLatch(1);
        Set<Db> held = ConcurrentHashMap.newKeySet();
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < SqliteDatabase.READERS; i++) {
            holders.add(Thread.ofVirtual()
                    .start(() -> database.read(r -> {
                        held.add(r);
                        holding.countDown();
                        awaitQuietly(release);
                        return null;
                    })));
        }
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        assertEquals(SqliteDatabase.READERS, held.size(), "every holder has a reader of its own");
        CountDownLatch served = new CountDownLatch(1);
        List<Db> got = new ArrayList<>();
        Thread late = Thread.ofVirtual()
                .start(() -> database.read(r -> {
                    got.add(r);
                    served.countDown();
                    return null;
                }));
        await().until(() -> late.getState() == Thread.State.TIMED_WAITING);
        assertFalse(served.await(0, TimeUnit.MILLISECONDS), "one more reader was opened");
        database.write(w -> w.handle().execute("INSERT INTO gate_test VALUES (2)")); // writes do not wait for readers
        release.countDown();
        assertTrue(served.await(10, TimeUnit.SECONDS));
        late.join();
        for (Thread t : holders) t.join();
        assertTrue(held.contains(got.getFirst()), "the waiting read got a reader given back");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
