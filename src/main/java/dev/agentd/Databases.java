package dev.agentd;

import dev.agentd.cluster.Cluster;
import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.store.Store;
import dev.agentd.store.StoreException;
import dev.agentd.store.postgres.PostgresCluster;
import dev.agentd.store.postgres.PostgresDatabase;
import dev.agentd.store.postgres.PostgresUrl;
import dev.agentd.store.sql.SqlStore;
import dev.agentd.store.sqlite.SqliteStore;
import java.nio.file.Path;

/** The store the settings name: PostgreSQL at AGENTD_DATABASE_URL, else SQLite in the data dir. */
public final class Databases {
    private Databases() {}

    /** The SQLite file of {@code config}'s data dir (used when AGENTD_DATABASE_URL is unset). */
    public static Path sqliteFile(Config config) {
        return config.dataDir().resolve("agentd.db");
    }

    /**
     * The nodes that share {@code store}'s database, this one named {@code nodeId}: PostgreSQL's
     * nodes, or a node alone on its SQLite file.
     */
    public static Cluster cluster(Store store, Config config, String nodeId) {
        if (store instanceof SqlStore sql && sql.database() instanceof PostgresDatabase postgres) {
            return new PostgresCluster(postgres, nodeId, config.node().timeout());
        }
        return Cluster.alone();
    }

    /**
     * Opens (creating and migrating if needed) the store of {@code config}.
     *
     * @throws ConfigException naming AGENTD_DATABASE_URL when PostgreSQL cannot be reached or used
     */
    public static Store open(Config config) {
        Config.DatabaseSettings db = config.database();
        if (!db.postgres()) return SqliteStore.open(sqliteFile(config));
        try {
            PostgresUrl url = PostgresUrl.parse(db.url(), db.user(), db.password());
            return new SqlStore(PostgresDatabase.open(url, db.poolSize()));
        } catch (IllegalArgumentException | StoreException e) {
            throw new ConfigException("AGENTD_DATABASE_URL: " + e.getMessage());
        }
    }
}
