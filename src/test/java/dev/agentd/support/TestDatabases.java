package dev.agentd.support;

import dev.agentd.Databases;
import dev.agentd.config.ConfigLoader;
import dev.agentd.store.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The database a test's server uses, chosen for the whole test run by the system property
 * {@code agentd.test.database}: {@code sqlite} (the default, a file in the data dir) or
 * {@code postgresql}, a fresh database per data dir on one real PostgreSQL: the server at
 * AGENTD_TEST_PG_URL when that is set, else one started from Maven Central's binaries for this JVM.
 */
public final class TestDatabases {
    public static final String ENGINE = System.getProperty("agentd.test.database", "sqlite");

    private static final Map<Path, String> URLS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static volatile String server;

    private TestDatabases() {}

    public static boolean postgres() {
        return ENGINE.equals("postgresql");
    }

    /** AGENTD_DATABASE_URL of the database of {@code dataDir} on PostgreSQL; nothing on SQLite. */
    public static Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        if (postgres()) env.put("AGENTD_DATABASE_URL", url(dataDir));
        return env;
    }

    /** The JDBC URL of the database of {@code dataDir}: a new PostgreSQL database on first use. */
    public static String url(Path dataDir) {
        if (!postgres()) return "jdbc:sqlite:" + dataDir.resolve("agentd.db").toAbsolutePath();
        return postgresUrl(dataDir);
    }

    /** A fresh PostgreSQL database for {@code dataDir} (and the nodes that share it), whatever the engine of the run. */
    public static String postgresUrl(Path dataDir) {
        return URLS.computeIfAbsent(dataDir.toAbsolutePath().normalize(), d -> createDatabase());
    }

    /** The store of {@code dataDir}, opened as a server on it opens it. */
    public static Store open(Path dataDir) {
        Map<String, String> env = env(dataDir);
        env.put("AGENTD_DATA_DIR", dataDir.toString());
        return Databases.open(ConfigLoader.load(env, new String[0]));
    }

    /** A Jdbi on the database of {@code dataDir}, for statements a test makes itself. */
    public static Jdbi jdbi(Path dataDir) {
        return Jdbi.create(url(dataDir));
    }

    private static String createDatabase() {
        String name = "agentd_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        String admin = server();
        try (Connection c = DriverManager.getConnection(admin);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database: " + e.getMessage(), e);
        }
        return admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** The JDBC URL of the PostgreSQL server's own database, starting the embedded one on first use. */
    private static synchronized String server() {
        if (server != null) return server;
        String given = System.getenv("AGENTD_TEST_PG_URL");
        if (given != null && !given.isBlank()) return server = given;
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "400")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
            return server = pg.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        }
    }
}
