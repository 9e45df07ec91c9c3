package dev.agentd.store.sqlite;

import dev.agentd.store.StoreException;
import dev.agentd.store.sql.Db;
import dev.agentd.store.sql.Jdbis;
import dev.agentd.store.sql.PooledDatabase;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database (WAL, a busy timeout and foreign keys on every connection, migrated by Flyway
 * on open): one writer and a few readers.
 * <p>
 * SQLite has one writer. Every write goes through the one writer connection behind a Java lock. A
 * thread that finds the lock taken parks and frees its carrier; waiting in SQLite's busy handler
 * instead sleeps in native code, which pins the virtual thread to its carrier: two such waiters pin
 * both carriers of a two-core machine, and the thread that holds the write lock, once unmounted, can
 * never run again to commit. Reads go through reader connections and never wait for a writer.
 */
public final class SqliteDatabase extends PooledDatabase {
    public static final int READERS = 7;

    private final ReentrantLock writerLock = new ReentrantLock();
    private Db writer;
    private volatile boolean closed;

    private SqliteDatabase(SQLiteDataSource dataSource) {
        super(Jdbis.create(dataSource, "(SELECT coalesce(max(num), 0) + 1 FROM tasks)"), READERS);
        this.writer = new Db(jdbi.open());
    }

    /** Opens (creating if needed) {@code file} and applies pending migrations. */
    public static SqliteDatabase open(Path file) {
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
                .locations("classpath:db/sqlite")
                .javaMigrations(new V4__Projects())
                .load()
                .migrate();
        return new SqliteDatabase(dataSource);
    }

    /** A read transaction of WAL mode sees the database as of its first read. */
    @Override
    protected TransactionIsolationLevel snapshotIsolation() {
        return TransactionIsolationLevel.SERIALIZABLE;
    }

    @Override
    protected <R> R writing(Function<Db, R> transaction) {
        writerLock.lock();
        try {
            Db db = writerOrReopen();
            try {
                return transaction.apply(db);
            } finally {
                if (db.handle().isInTransaction()) dropWriter(db);
            }
        } finally {
            writerLock.unlock();
        }
    }

    /** VACUUM on the writer, between its transactions (VACUUM cannot run inside one); blocks writes meanwhile. */
    @Override
    public void reclaim() {
        writerLock.lock();
        try {
            writerOrReopen().handle().execute("VACUUM");
        } catch (JdbiException e) {
            throw new StoreException("VACUUM failed: " + e.getMessage(), e);
        } finally {
            writerLock.unlock();
        }
    }

    /** VACUUM INTO, on a connection of its own: one read transaction, so one moment's state. */
    @Override
    public void backupTo(Path file) {
        try {
            jdbi.useHandle(h -> h.execute("VACUUM INTO ?", file.toString()));
        } catch (JdbiException e) {
            throw new StoreException("the backup failed: " + e.getMessage(), e);
        }
    }

    private Db writerOrReopen() {
        if (closed) throw new IllegalStateException("The database is closed");
        if (writer == null) writer = new Db(jdbi.open());
        return writer;
    }

    /** A writer whose transaction could not be ended is closed; the next write opens a new one. */
    private void dropWriter(Db db) {
        if (rolledBack(db)) return;
        db.handle().close();
        writer = null;
    }

    @Override
    public void close() {
        closed = true;
        super.close();
        writerLock.lock();
        try {
            if (writer != null) writer.handle().close();
            writer = null;
        } finally {
            writerLock.unlock();
        }
    }
}
