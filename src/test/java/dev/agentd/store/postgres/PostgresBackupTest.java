package dev.agentd.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} and {@code restore} copy a SQLite data dir; on PostgreSQL they say what to use instead. */
@EnabledIfSystemProperty(named = "agentd.test.database", matches = "postgresql")
class PostgresBackupTest {
    @TempDir
    Path dir;

    @Test
    void backupAndRestoreOnPostgresqlPointToPgDumpAndMakeNothing() {
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            server.awaitFinished(server.newTask("What is 1+1?"));
            Path target = dir.resolve("backup");
            TestServer.Command backup = server.command("backup", target.toString());
            assertEquals(1, backup.code());
            assertTrue(backup.err().contains("pg_dump"), backup.err());
            assertFalse(Files.exists(target), "no half-made backup");
            TestServer.Command restore = server.command("restore", target.toString());
            assertEquals(1, restore.code());
            assertTrue(restore.err().contains("pg_restore"), restore.err());
        }
    }
}
