package dev.agentd.store.sql;

import dev.agentd.store.StoreException;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * What every engine's {@link Database} does the same way: reads on a pooled connection, and write
 * transactions that a call inside joins, on the connection the engine gives ({@link #writing}). A
 * thread inside {@link #write} reads through the writing connection, so that it sees what it wrote;
 * a write inside a read is refused (it would wait for itself on a one-writer engine).
 */
public abstract class PooledDatabase implements Database {
    private record Held(Db db, boolean writing) {}

    protected final Jdbi jdbi;
    private final DbPool pool;
    private final ThreadLocal<Held> held = new ThreadLocal<>();

    protected PooledDatabase(Jdbi jdbi, int connections) {
        this.jdbi = jdbi;
        this.pool = new DbPool(jdbi, connections);
    }

    /** A pooled connection, for {@link #giveBack} when done; waits up to 30 s for one. */
    protected final Db borrow() {
        return pool.borrow();
    }

    /** Takes {@code db} back; after {@code failed} work, only if its connection still answers. */
    protected final void giveBack(Db db, boolean failed) {
        pool.giveBack(db, failed);
    }

    /** Ends the transaction {@code db} was left in; false when it cannot, and the connection is no use. */
    protected static boolean rolledBack(Db db) {
        try {
            db.handle().rollback();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code transaction} on a connection for writing, given as the engine allows writes. */
    protected abstract <R> R writing(Function<Db, R> transaction);

    @Override
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public <R> R read(Function<Db, R> work) {
        Held h = held.get();
        if (h != null) return work.apply(h.db());
        Db db = borrow();
        held.set(new Held(db, false));
        boolean failed = true;
        try {
            R result = work.apply(db);
            failed = false;
            return result;
        } catch (JdbiException e) {
            throw new StoreException("a read failed: " + e.getMessage(), e);
        } finally {
            held.remove();
            giveBack(db, failed);
        }
    }

    @Override
    public <R> R snapshot(Function<Db, R> work) {
        return read(db -> held.get().writing()
                ? work.apply(db)
                : db.handle().inTransaction(snapshotIsolation(), x -> work.apply(db)));
    }

    /** The isolation that makes a read transaction see one moment. */
    protected abstract TransactionIsolationLevel snapshotIsolation();

    @Override
    public <R> R write(Function<Db, R> work) {
        Held h = held.get();
        if (h != null && h.writing()) return work.apply(h.db());
        if (h != null) throw new IllegalStateException("a write inside a read; write first, or read inside the write");
        return writing(db -> {
            held.set(new Held(db, true));
            try {
                return db.handle().inTransaction(x -> work.apply(db));
            } catch (JdbiException e) {
                throw new StoreException("a write failed: " + e.getMessage(), e);
            } finally {
                held.remove();
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
