package dev.agentd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    static Path dir;
    static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(dir.resolve("agentd.db"));
        database.dao(ApiKeyDao.class).insert(new ApiKeyRow("key", "test", "hash", Instant.now(), null, null));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aNestedCallOnTheSameThreadGetsTheConnectionItAlreadyHolds() {
        assertTrue(database.<Boolean>with(outer -> database.with(inner -> inner == outer)));
        assertTrue(database.<Boolean>inTransaction(outer -> database.with(inner -> inner == outer)));
    }

    @Test
    void aDaoIsAttachedOncePerConnectionAndOnDemandDaosAreMadeOnce() {
        assertTrue(database.<Boolean>with(db -> db.attach(TaskDao.class) == db.attach(TaskDao.class)));
        assertSame(database.dao(TaskDao.class), database.dao(TaskDao.class));
    }

    @Test
    void aTransactionThatThrowsLeavesNothingAndItsConnectionServesTheNextOne() {
        RuntimeException boom = new RuntimeException("boom");
        assertThrows(RuntimeException.class, () -> database.useTransaction(db -> {
            db.attach(ApiKeyDao.class).insert(new ApiKeyRow("gone", "gone", "gone-hash", Instant.now(), null, null));
            throw boom;
        }));
        assertTrue(database.dao(ApiKeyDao.class).findByHash("gone-hash").isEmpty());
        database.useTransaction(db -> db.attach(ApiKeyDao.class)
                .insert(new ApiKeyRow("kept", "kept", "kept-hash", Instant.now(), null, null)));
        assertTrue(database.dao(ApiKeyDao.class).findByHash("kept-hash").isPresent());
        assertFalse(database.<Boolean>with(db -> db.handle().isInTransaction()));
    }

    @Test
    void aCallBeyondTheOpenConnectionsWaitsForOneToBeGivenBack() throws Exception {
        CountDownLatch holding = new CountDownLatch(Database.CONNECTIONS);
        CountDownLatch release = new CountDownLatch(1);
        Set<Db> held = ConcurrentHashMap.newKeySet();
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < Database.CONNECTIONS; i++) {
            holders.add(Thread.ofVirtual().start(() -> database.use(db -> {
                held.add(db);
                holding.countDown();
                awaitQuietly(release);
            })));
        }
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        assertEquals(Database.CONNECTIONS, held.size(), "every holder has a connection of its own");
        CountDownLatch served = new CountDownLatch(1);
        List<Db> got = new ArrayList<>();
        Thread late = Thread.ofVirtual().start(() -> database.use(db -> {
            got.add(db);
            served.countDown();
        }));
        assertFalse(served.await(300, TimeUnit.MILLISECONDS), "a ninth connection was opened");
        release.countDown();
        assertTrue(served.await(10, TimeUnit.SECONDS));
        late.join();
        for (Thread t : holders) t.join();
        assertTrue(held.contains(got.getFirst()), "the waiting call got a connection given back");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
