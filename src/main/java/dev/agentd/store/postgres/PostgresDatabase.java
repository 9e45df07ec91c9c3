package dev.agentd.store.postgres;

import dev.agentd.store.EventStore;
import dev.agentd.store.StoreException;
import dev.agentd.store.sql.Db;
import dev.agentd.store.sql.Jdbis;
import dev.agentd.store.sql.PooledDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL, for one node or many: a pool of connections that reads and writes alike borrow from
 * (PostgreSQL runs write transactions side by side), migrated by Flyway on open. Event batches go out
 * as multi-row inserts ({@code reWriteBatchedInserts}).
 */
public final class PostgresDatabase extends PooledDatabase {
    private final PGSimpleDataSource dataSource;

    private PostgresDatabase(PGSimpleDataSource dataSource, int connections) {
        super(Jdbis.create(dataSource, "nextval('task_numbers')").installPlugin(new PostgresPlugin()), connections);
        this.dataSource = dataSource;
    }

    /** Connects to {@code url}, applies pending migrations and keeps up to {@code connections} open. */
    public static PostgresDatabase open(PostgresUrl url, int connections) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url.jdbcUrl());
        if (url.user() != null) dataSource.setUser(url.user());
        if (url.password() != null) dataSource.setPassword(url.password());
        dataSource.setReWriteBatchedInserts(true);
        dataSource.setApplicationName("agentd");
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/postgresql")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("PostgreSQL at " + url + " could not be opened: " + e.getMessage(), e);
        }
        return new PostgresDatabase(dataSource, connections);
    }

    /** The channel that tells every node of an event batch: {@code taskId:seq} of each task's last event. */
    public static final String EVENTS_CHANNEL = "agentd_events";

    @Override
    protected TransactionIsolationLevel snapshotIsolation() {
        return TransactionIsolationLevel.REPEATABLE_READ;
    }

    /** One notification per task of the batch, naming its last event; PostgreSQL sends them on commit. */
    @Override
    public void appended(Db db, List<EventStore.Appended> events) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (EventStore.Appended a : events) last.merge(a.taskId(), a.event().seq(), Math::max);
        List<String> notices = new ArrayList<>(last.size());
        last.forEach((task, seq) -> notices.add(task + ":" + seq));
        db.handle()
                .createQuery("SELECT pg_notify('" + EVENTS_CHANNEL + "', n) FROM unnest(:notices) AS n")
                .bindArray("notices", String.class, notices)
                .mapTo(String.class)
                .list();
    }

    /** The data source, for connections of their own (a node's listening connection). */
    PGSimpleDataSource dataSource() {
        return dataSource;
    }

    @Override
    protected <R> R writing(Function<Db, R> transaction) {
        Db db = borrow();
        boolean failed = true;
        try {
            R result = transaction.apply(db);
            failed = false;
            return result;
        } finally {
            if (db.handle().isInTransaction()) failed = !rolledBack(db);
            giveBack(db, failed);
        }
    }

    /** VACUUM, outside a transaction; PostgreSQL keeps writing meanwhile. */
    @Override
    public void reclaim() {
        try {
            jdbi.useHandle(h -> h.execute("VACUUM"));
        } catch (JdbiException e) {
            throw new StoreException("VACUUM failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void backupTo(Path file) {
        throw new StoreException("a PostgreSQL store is backed up with pg_dump; agentd backup copies SQLite only");
    }
}
