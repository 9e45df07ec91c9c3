package dev.agentd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database: a small connection pool with WAL, a busy timeout and foreign keys on every
 * connection, migrated by Flyway on open.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        WriteGate.install(jdbi);
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
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("agentd-db");
        hikari.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        hikari.setDataSourceProperties(sqlite.toProperties());
        hikari.setMaximumPoolSize(8);
        hikari.setMinimumIdle(1);
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public <T> T dao(Class<T> type) {
        return jdbi.onDemand(type);
    }

    @Override
    public void close() {
        dataSource.close();
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
