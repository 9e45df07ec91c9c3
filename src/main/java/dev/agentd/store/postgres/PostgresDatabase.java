package dev.agentd.store.postgres;

import dev.agentd.store.StoreException;
import dev.agentd.store.sql.Db;
import dev.agentd.store.sql.Jdbis;
import dev.agentd.store.sql.PooledDatabase;
import java.nio.file.Path;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL, for one node or many: a pool of connections that reads and writes alike borrow from
 * (PostgreSQL runs write transactions side by side), migrated by Flyway on open. Event batches go out
 * as multi-row inserts ({@code reWriteBatchedInserts}).
 */
public final class PostgresDatabase extends PooledDatabase {
    private PostgresDatabase(PGSimpleDataSource dataSource, int connections) {
        super(Jdbis.create(dataSource, "nextval('task_numbers')").installPlugin(new PostgresPlugin()), connections);
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
