package dev.agentd.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Lets one connection of the process write at a time, queueing the others on a Java lock.
 * <p>
 * SQLite has one writer; a connection that finds the write lock taken waits in SQLite's busy
 * handler, which sleeps in native code and so pins the virtual thread to its carrier. Two such
 * waiters pin both carriers of a two-core machine, and when the thread that holds the write lock
 * has been unmounted (it parked on anything: a contended lock, SecureRandom) it can never run
 * again to commit: every writer stalls for the whole busy timeout and then fails with SQLITE_BUSY.
 * Waiting here instead parks the thread and frees its carrier. Every transaction takes the gate
 * (they all write: they begin IMMEDIATE), and so does every writing statement outside one; reads
 * never wait. The gate is reentrant, so statements inside a transaction pass through.
 */
final class WriteGate {
    private final ReentrantLock lock = new ReentrantLock();

    /** Installs the gate on {@code jdbi}'s transactions and statements. */
    static void install(Jdbi jdbi) {
        WriteGate gate = new WriteGate();
        jdbi.setTransactionHandler(gate.new Transactions(jdbi.getTransactionHandler()));
        jdbi.getConfig(SqlStatements.class).addCustomizer(gate.new Statements());
    }

    static boolean writes(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
        return switch (s.substring(0, end).toUpperCase(Locale.ROOT)) {
            case "INSERT", "UPDATE", "DELETE", "REPLACE" -> true;
            default -> false;
        };
    }

    /** Holds the gate for a writing statement until the statement is closed. */
    private final class Statements implements StatementCustomizer {
        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
            if (!writes(ctx.getRenderedSql())) return;
            lock.lock();
            ctx.addCleanable(lock::unlock);
        }
    }

    /** Holds the gate from BEGIN to the end of COMMIT or ROLLBACK (autocommit restored). */
    private final class Transactions implements TransactionHandler {
        private final TransactionHandler delegate;

        Transactions(TransactionHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public TransactionHandler specialize(Handle handle) throws SQLException {
            TransactionHandler bound = delegate.specialize(handle);
            return bound == delegate ? this : new Transactions(bound);
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            lock.lock();
            try {
                return delegate.inTransaction(handle, callback);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                HandleCallback<R, X> callback) throws X {
            lock.lock();
            try {
                return delegate.inTransaction(handle, level, callback);
            } finally {
                lock.unlock();
            }
        }

        // Transactions begun and ended by hand are not gated; the code base uses inTransaction only.
        @Override
        public void begin(Handle handle) {
            delegate.begin(handle);
        }

        @Override
        public void commit(Handle handle) {
            delegate.commit(handle);
        }

        @Override
        public void rollback(Handle handle) {
            delegate.rollback(handle);
        }

        @Override
        public boolean isInTransaction(Handle handle) {
            return delegate.isInTransaction(handle);
        }

        @Override
        public void savepoint(Handle handle, String name) {
            delegate.savepoint(handle, name);
        }

        @Override
        public void rollbackToSavepoint(Handle handle, String name) {
            delegate.rollbackToSavepoint(handle, name);
        }

        @Override
        public void releaseSavepoint(Handle handle, String name) {
            delegate.releaseSavepoint(handle, name);
        }
    }
}
