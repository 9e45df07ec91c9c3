package dev.agentd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteGateTest {
    @TempDir
    Path dir;

    @Test
    void writersQueueBehindAParkedTransactionWithoutPinningEveryCarrier() throws Exception {
        try (Database db = Database.open(dir.resolve("agentd.db"))) {
            Jdbi jdbi = db.jdbi();
            jdbi.useHandle(h -> h.execute("CREATE TABLE gate_test (v INTEGER)"));
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            // The holder parks inside its write transaction, as a run does when it blocks on anything.
            Thread holder = Thread.ofVirtual().start(() -> {
                try {
                    jdbi.useTransaction(h -> {
                        h.execute("INSERT INTO gate_test VALUES (0)");
                        inside.countDown();
                        release.await();
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
                        jdbi.useHandle(h -> h.execute("INSERT INTO gate_test VALUES (1)"));
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            Thread.sleep(200); // let the writers reach the database before the holder goes on
            release.countDown();
            holder.join();
            for (Thread t : threads) t.join();
            assertTrue(failures.isEmpty(), () -> "writes failed: " + failures);
            int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM gate_test").mapTo(Integer.class).one());
            assertEquals(writers + 1, rows);
        }
    }

    @Test
    void onlyWritingStatementsTakeTheGate() {
        assertTrue(WriteGate.writes("INSERT INTO events VALUES (1)"));
        assertTrue(WriteGate.writes("  update tasks SET seq_next = seq_next + 1 RETURNING seq_next"));
        assertTrue(WriteGate.writes("DELETE FROM follow_ups"));
        assertTrue(WriteGate.writes("REPLACE INTO t VALUES (1)"));
        assertFalse(WriteGate.writes("SELECT * FROM tasks"));
        assertFalse(WriteGate.writes("select message_count from tasks"));
    }
}
