package dev.agentd.store.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Up to {@code size} open connections, each a {@link Db} with its DAOs attached once: attaching a
 * SqlObject builds a handler for every method of the interface, which cost twice the query itself on
 * the paths every run takes. A connection is opened when none is idle and fewer than {@code size}
 * are open; a borrower waits at most 30 s for one. A connection given back after a failure is
 * closed if it is no longer valid, so that a database restart costs failed calls, not a dead pool.
 */
final class DbPool implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;

    private final Jdbi jdbi;
    private final int size;
    private final ArrayBlockingQueue<Db> idle;
    private final List<Db> open = new ArrayList<>();
    private boolean closed;

    DbPool(Jdbi jdbi, int size) {
        this.jdbi = jdbi;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Db borrow() {
        Db db = idle.poll();
        if (db != null) return db;
        synchronized (open) {
            if (closed) throw new IllegalStateException("The database is closed");
            if (open.size() < size) {
                db = new Db(jdbi.open());
                open.add(db);
                return db;
            }
        }
        try {
            db = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a database connection", e);
        }
        if (db == null) {
            throw new IllegalStateException("No database connection became free within " + WAIT_SECONDS + " s");
        }
        return db;
    }

    /** Takes {@code db} back; after {@code failed} work, only if its connection still answers. */
    void giveBack(Db db, boolean failed) {
        synchronized (open) {
            if (!closed && (!failed || valid(db))) {
                idle.add(db);
                return;
            }
            open.remove(db);
        }
        closeQuietly(db);
    }

    private static boolean valid(Db db) {
        try {
            return db.handle().getConnection().isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Db db) {
        try {
            db.handle().close();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            closed = true;
        }
        Db db;
        while ((db = idle.poll()) != null) closeQuietly(db);
    }
}
