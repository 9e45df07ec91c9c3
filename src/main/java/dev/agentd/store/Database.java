package dev.agentd.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database (WAL, a busy timeout and foreign keys on every connection, migrated by Flyway
 * on open) and the connections the process works through.
 * <p>
 * Connections stay open, each as a Jdbi handle with its DAOs attached once ({@link Db}): attaching
 * a SqlObject builds a handler, with its own copy of the configuration, for every method of the
 * interface, which cost twice the query itself on the paths every run takes. At most
 * {@value #CONNECTIONS} are open; a thread that already holds one is given the same one again, so
 * nested calls never wait for a second connection.
 */
public final class Database implements AutoCloseable {
    static final int CONNECTIONS = 8;
    private static final long WAIT_SECONDS = 30;

    private final Jdbi jdbi;
    private final ArrayBlockingQueue<Db> idle = new ArrayBlockingQueue<>(CONNECTIONS);
    private final List<Db> all = new ArrayList<>();
    private final ThreadLocal<Db> held = new ThreadLocal<>();
    private final ConcurrentHashMap<Class<?>, Object> daos = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Database(SQLiteDataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        WriteGate.install(jdbi);
        jdbi.setStatementBuilderFactory(connection -> new StatementCache());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            String v = rs.getString(col);
            return v == null ? null : Times.parse(v);
        });
    }

    /** Opens (creating if needed) {@code file} and applies pending migrations. */
    public static Database open(Path file) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        // A deferred transaction that reads, then writes, fails at once with SQLITE_BUSY when another
        // connection wrote in between; taking the write lock up front makes it wait instead.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new Database(dataSource);
    }

    /** The Jdbi instance, for statements outside the DAOs (tests, diagnostics). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} on a connection, outside a transaction unless the thread is already in one. */
    public <R> R with(Function<Db, R> work) {
        Db db = held.get();
        if (db != null) return work.apply(db);
        db = borrow();
        held.set(db);
        try {
            return work.apply(db);
        } finally {
            held.remove();
            giveBack(db);
        }
    }

    public void use(Consumer<Db> work) {
        with(db -> {
            work.accept(db);
            return null;
        });
    }

    /** Runs {@code work} in one write transaction (joining the thread's transaction if it is in one). */
    public <R> R inTransaction(Function<Db, R> work) {
        return with(db -> db.handle().inTransaction(h -> work.apply(db)));
    }

    public void useTransaction(Consumer<Db> work) {
        inTransaction(db -> {
            work.accept(db);
            return null;
        });
    }

    /**
     * A DAO whose every call runs on a connection of its own (or the thread's): for single
     * statements. One per type, costing per call no more than {@link Db#attach}.
     */
    public <T> T dao(Class<T> type) {
        return type.cast(daos.computeIfAbsent(type, this::onDemand));
    }

    private Object onDemand(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + " on " + this;
                };
            }
            return with(db -> {
                try {
                    return method.invoke(db.attach(type), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
        });
    }

    private Db borrow() {
        Db db = idle.poll();
        if (db != null) return db;
        synchronized (all) {
            if (closed) throw new IllegalStateException("The database is closed");
            if (all.size() < CONNECTIONS) {
                db = new Db(jdbi.open());
                all.add(db);
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
        boolean usable = true;
        if (db.handle().isInTransaction()) {
            try {
                db.handle().rollback();
            } catch (RuntimeException e) {
                usable = false;
            }
        }
        synchronized (all) {
            if (usable && !closed) {
                idle.add(db);
                return;
            }
            all.remove(db); // a new connection may take its place
        }
        closeQuietly(db);
    }

    @Override
    public void close() {
        synchronized (all) {
            closed = true;
        }
        Db db;
        while ((db = idle.poll()) != null) closeQuietly(db);
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
