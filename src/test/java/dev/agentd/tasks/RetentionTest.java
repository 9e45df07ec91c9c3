package dev.agentd.tasks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.domain.Times;
import dev.agentd.store.Store;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import dev.agentd.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished tasks deleted for good: by retention, by {@code tasks purge}, and by DELETE ?purge=true. */
class RetentionTest {
    @TempDir
    Path dir;

    static long rows(Path data, String sql, String id) {
        {
            Jdbi db = TestDatabases.jdbi(data);
            return db.withHandle(
                    h -> h.createQuery(sql).bind(0, id).mapTo(Long.class).one());
        }
    }

    static void assertGone(Path data, String id) {
        assertEquals(0, rows(data, "SELECT count(*) FROM tasks WHERE id = ?", id));
        assertEquals(0, rows(data, "SELECT count(*) FROM messages WHERE task_id = ?", id));
        assertEquals(0, rows(data, "SELECT count(*) FROM runs WHERE task_id = ?", id));
        assertFalse(Files.exists(data.resolve("workspaces").resolve(Workspaces.layout(id))), "its workspace too");
    }

    @Test
    void retentionDeletesAnOldFinishedTaskEntirelyAndLeavesARecentOne() {
        Path data = dir.resolve("data");
        String old;
        String recent;
        try (TestServer server = TestServer.start(data)) {
            old = server.newTask("write old.txt: from long ago");
            server.awaitFinished(old);
            recent = server.newTask("write new.txt: from today");
            server.awaitFinished(recent);
        }
        try (Store store = TestDatabases.open(data)) {
            Workspaces workspaces = new Workspaces(data.resolve("workspaces"));
            {
                Jdbi db = TestDatabases.jdbi(data);
                db.useHandle(h ->
                        h.execute("UPDATE tasks SET last_activity_at = '2020-01-01T00:00:00.000Z' WHERE id = ?", old));
            }
            // its first sweep comes at once, in the background
            Retention retention = new Retention(store, workspaces, Duration.ofDays(30), Duration.ofMinutes(10));
            await().until(() -> store.tasks().find(old).isEmpty());
            retention.close();
            assertEquals(0, retention.sweep(Times.now()), "nothing more to delete");
        }
        assertGone(data, old);
        try (TestServer server = TestServer.start(data)) {
            assertEquals(404, server.get("/api/v1/tasks/" + old).status());
            assertEquals(
                    "completed",
                    server.get("/api/v1/tasks/" + recent).data().get("status").asText());
            assertTrue(Files.exists(server.workspace(recent).resolve("new.txt")));
        }
    }

    @Test
    void aTaskIsPurgedFromTheCommandLineAndThroughTheApiButNotWhileItRuns() {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.start(data, Map.of("AGENTD_RETENTION", "30d"))) {
            String byCli = server.newTask("write a.txt: a");
            server.awaitFinished(byCli);
            TestServer.Command purged = server.command("tasks", "purge", byCli);
            assertEquals(0, purged.code(), purged.err());
            assertEquals(404, server.get("/api/v1/tasks/" + byCli).status());
            assertGone(data, byCli);
            assertEquals(1, server.command("tasks", "purge", byCli).code(), "gone is gone");

            String byApi = server.newTask("write b.txt: bb");
            server.awaitFinished(byApi);
            assertTrue(server.command("tasks", "disk").out().contains(byApi), "disk use per task");
            ApiClient.Reply deleted = server.delete("/api/v1/tasks/" + byApi + "?purge=true");
            assertEquals(200, deleted.status(), deleted.body());
            assertEquals("Task deleted", deleted.data().get("message").asText());
            assertGone(data, byApi);

            String busy = server.newTask("run `sleep 30`");
            server.awaitStatus(busy, "running");
            ApiClient.Reply refused = server.delete("/api/v1/tasks/" + busy + "?purge=true");
            assertEquals(409, refused.status(), refused.body());
            assertEquals(1, server.command("tasks", "purge", busy).code());
            assertEquals(200, server.get("/api/v1/tasks/" + busy).status(), "nothing is half-done");
            server.delete("/api/v1/tasks/" + busy);
        }
    }
}
