package dev.agentd.store.sqlite;

import dev.agentd.domain.Times;
import dev.agentd.store.StoreException;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database (WAL, a busy timeout and foreign keys on every connection, migrated by Flyway
 * on open) and the connections the process works through: one writer and a few readers.
 * <p>
 * SQLite has one writer. Every write goes through {@link #write}, which takes the one writer
 * connection behind a Java lock. A thread that finds the lock taken parks and frees its carrier;
 * waiting in SQLite's busy handler instead sleeps in native code, which pins the virtual thread to
 * its carrier: two such waiters pin both carriers of a two-core machine, and the thread that holds
 * the write lock, once unmounted, can never run again to commit. Reads go through {@link #read} on
 * reader connections and never wait for a writer. Connections stay open, each as a Jdbi handle with
 * its DAOs attached once ({@link Db}): attaching a SqlObject builds a handler for every method of
 * the interface, which cost twice the query itself on the paths every run takes. A thread inside
 * {@link #write} reads through the writer, so that it sees what it wrote.
 */
public final class Database implements AutoCloseable {
    static final int READERS = 7;
    private static final long WAIT_SECONDS = 30;

    private final Jdbi jdbi;
    private final ReentrantLock writerLock = new ReentrantLock();
    private Db writer;
    private final ArrayBlockingQueue<Db> idle = new ArrayBlockingQueue<>(READERS);
    private final List<Db> readers = new ArrayList<>();
    private final ThreadLocal<Db> held = new ThreadLocal<>();
    private volatile boolean closed;

    private Database(SQLiteDataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.setStatementBuilderFactory(connection -> new StatementCache());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            String v = rs.getString(col);
            return v == null ? null : Times.parse(v);
        });
        this.writer = new Db(jdbi.open());
    }

    /** Opens (creating if needed) {@code file} and applies pending migrations. */
    public static Database open(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        // the writer's transactions take the write lock up front; reads are outside transactions
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V4__Projects())
                .load()
                .migrate();
        return new Database(dataSource);
    }

    /** The Jdbi instance, for statements outside the DAOs (tests, diagnostics). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} on a reader (the writer, for a thread inside {@link #write}), outside a transaction. */
    public <R> R read(Function<Db, R> work) {
        Db db = held.get();
        if (db != null) return work.apply(db);
        db = borrow();
        held.set(db);
        try {
            return work.apply(db);
        } catch (JdbiException e) {
            throw new StoreException("a read failed: " + e.getMessage(), e);
        } finally {
            held.remove();
            giveBack(db);
        }
    }

    /**
     * Runs {@code work} in one transaction of the writer, after every write before it; a call inside
     * {@code work} joins that transaction.
     */
    public <R> R write(Function<Db, R> work) {
        Db current = held.get();
        if (current != null && current == writer) return work.apply(current);
        if (current != null)
            throw new IllegalStateException("a write inside a read; write first, or read inside the write");
        writerLock.lock();
        try {
            Db db = writerOrReopen();
            held.set(db);
            try {
                return db.handle().inTransaction(h -> work.apply(db));
            } catch (JdbiException e) {
                throw new StoreException("a write failed: " + e.getMessage(), e);
            } finally {
                held.remove();
                if (db.handle().isInTransaction()) dropWriter(db);
            }
        } finally {
            writerLock.unlock();
        }
    }

    /** VACUUM on the writer, between its transactions (VACUUM cannot run inside one). */
    void vacuum() {
        writerLock.lock();
        try {
            writerOrReopen().handle().execute("VACUUM");
        } catch (JdbiException e) {
            throw new StoreException("VACUUM failed: " + e.getMessage(), e);
        } finally {
            writerLock.unlock();
        }
    }

    private Db writerOrReopen() {
        if (closed) throw new IllegalStateException("The database is closed");
        if (writer == null) writer = new Db(jdbi.open());
        return writer;
    }

    /** A writer whose transaction could not be ended is closed; the next write opens a new one. */
    private void dropWriter(Db db) {
        try {
            db.handle().rollback();
        } catch (RuntimeException e) {
            closeQuietly(db);
            writer = null;
        }
    }

    private Db borrow() {
        Db db = idle.poll();
        if (db != null) return db;
        synchronized (readers) {
            if (closed) throw new IllegalStateException("The database is closed");
            if (readers.size() < READERS) {
                db = new Db(jdbi.open());
                readers.add(db);
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

    private void giveBack(Db db) {
        synchronized (readers) {
            if (!closed) {
                idle.add(db);
                return;
            }
            readers.remove(db);
        }
        closeQuietly(db);
    }

    @Override
    public void close() {
        synchronized (readers) {
            closed = true;
        }
        Db db;
        while ((db = idle.poll()) != null) closeQuietly(db);
        writerLock.lock();
        try {
            if (writer != null) closeQuietly(writer);
            writer = null;
        } finally {
            writerLock.unlock();
        }
    }

    private static void closeQuietly(Db db) {
        try {
            db.handle().close();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
    }

    /** Stores instants as ISO-8601 text, so that they sort and round-trip exactly. */
    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, Times.format(value));
        }
    }
}
