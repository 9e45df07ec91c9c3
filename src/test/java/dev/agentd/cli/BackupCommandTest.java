package dev.agentd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} while the server works, and {@code restore} into a new data dir. */
@DisabledIfSystemProperty(
        named = "agentd.test.database",
        matches = "postgresql",
        disabledReason = "agentd backup copies a SQLite database")
class BackupCommandTest {
    @TempDir
    Path dir;

    static TestServer.Command cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of())
                .run(args);
        return new TestServer.Command(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBackupTakenUnderLoadIsRestoredWithEveryTaskCommittedBeforeIt() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backup");
        Path restored = dir.resolve("restored");
        List<String> done = new ArrayList<>();
        List<String> committed;
        try (TestServer server = TestServer.start(data)) {
            for (int i = 0; i < 10; i++) {
                String id = server.newTask("write notes-" + i + ".txt: note " + i);
                server.awaitFinished(id);
                done.add(id);
            }
            List<String> created = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) created.add(server.newTask("What is " + i + "+1?"));
            });
            while (created.size() < 5) Thread.onSpinWait();
            committed = List.copyOf(created);
            TestServer.Command taken = server.command("backup", backup.toString());
            stop.set(true);
            load.join();
            assertEquals(0, taken.code(), taken.err());
            assertTrue(taken.out().contains("backup: " + backup.toAbsolutePath()), taken.out());
            assertEquals(1, server.command("backup", backup.toString()).code(), "never over an earlier backup");
            TestServer.Command held = cli("restore", backup.toString(), "--data-dir", data.toString());
            assertTrue(held.code() != 0 && held.err().contains("in use by another agentd"), held.err());
        }
        TestServer.Command put = cli("restore", backup.toString(), "--data-dir", restored.toString());
        assertEquals(0, put.code(), put.err());
        assertEquals(
                1,
                cli("restore", backup.toString(), "--data-dir", restored.toString())
                        .code(),
                "not over a database");
        try (TestServer again = TestServer.start(restored)) {
            for (int i = 0; i < done.size(); i++) {
                String id = done.get(i);
                assertEquals(
                        "completed",
                        again.get("/api/v1/tasks/" + id).data().get("status").asText());
                assertEquals("note " + i, Files.readString(again.workspace(id).resolve("notes-" + i + ".txt")));
                assertEquals(
                        2,
                        again.get("/api/v1/tasks/" + id + "/history")
                                .data()
                                .get("messages")
                                .size());
            }
            for (String id : committed) {
                assertEquals(200, again.get("/api/v1/tasks/" + id).status(), "a task committed before the backup");
            }
            String next = again.newTask("What is 20+22?");
            assertEquals(
                    "20+22 equals 42.",
                    again.awaitFinished(next).get("output").get("content").asText());
        }
    }
}
