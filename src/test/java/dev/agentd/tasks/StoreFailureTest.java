package dev.agentd.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that refuses a run's end: every run still ends with exactly one terminal event on its streams. */
class StoreFailureTest {
    /** Paced so that the stream opened after creating the task is there when the run ends. */
    private static final Map<String, String> PACED =
            Map.of("AGENTD_BUILTIN_DELAY_MS", "10", "AGENTD_BUILTIN_FIRST_DELAY_MS", "300");

    @TempDir
    Path dir;

    /** Runs {@code sql} on the server's database through a connection of the test's own. */
    private void onDatabase(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.url(dir));
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A trigger {@code name} that refuses rows of {@code table} for which {@code when} holds, in the engine's dialect. */
    private void refuse(String name, String table, String when) throws SQLException {
        if (TestDatabases.postgres()) {
            onDatabase("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + when
                    + " THEN RAISE EXCEPTION '" + name + "'; END IF; RETURN NEW; END $$");
            onDatabase("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                    + name + "()");
        } else {
            onDatabase("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " WHEN " + when
                    + " BEGIN SELECT RAISE(ABORT, '" + name + "'); END");
        }
    }

    private void allow(String name, String table) throws SQLException {
        onDatabase("DROP TRIGGER " + name + (TestDatabases.postgres() ? " ON " + table : ""));
    }

    private static List<Sse.Frame> terminals(List<Sse.Frame> frames) {
        return frames.stream().filter(Sse.Frame::terminal).toList();
    }

    @Test
    void anAnswerThatCannotBeStoredEndsTheRunFailedOnceLiveAndStored() throws SQLException {
        try (TestServer server = TestServer.start(dir, PACED)) {
            refuse("refuse_answers", "messages", "NEW.role = 'assistant'");
            String id = server.newTask("What is 2+2?");
            List<Sse.Frame> live;
            try (Sse sse = Sse.open(server, id)) {
                live = sse.events();
            }
            List<Sse.Frame> ends = terminals(live);
            assertEquals(1, ends.size(), live.toString());
            assertEquals("error", ends.getFirst().event());
            assertEquals("INTERNAL_ERROR", ends.getFirst().data().get("code").asText());

            JsonNode task = server.awaitFinished(id);
            assertEquals("failed", task.get("status").asText(), "the task is not left running");
            assertEquals("INTERNAL_ERROR", task.get("errorCode").asText());
            try (Sse replay = Sse.open(
                    server,
                    server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                List<Sse.Frame> stored = terminals(replay.events());
                assertEquals(
                        List.of(ends.getFirst().id()),
                        stored.stream().map(Sse.Frame::id).toList());
                assertEquals(
                        "INTERNAL_ERROR", stored.getFirst().data().get("code").asText());
            }
        }
    }

    @Test
    void aRunEndTheStoreRefusesEntirelyStillEndsItsStreamsAndTheNextStartEndsTheTask() throws SQLException {
        String id;
        try (TestServer server = TestServer.start(dir, PACED)) {
            refuse("refuse_ends", "events", "NEW.kind IN (6, 7)"); // done, error
            id = server.newTask("What is 3+3?");
            List<Sse.Frame> live;
            try (Sse sse = Sse.open(server, id)) {
                live = sse.events();
            }
            assertEquals(1, terminals(live).size(), "the stream ended with one terminal event: " + live);
            assertEquals(
                    "running",
                    server.get("/api/v1/tasks/" + id).data().get("status").asText());
            allow("refuse_ends", "events");
        }
        try (TestServer again = TestServer.start(dir)) {
            JsonNode task = again.get("/api/v1/tasks/" + id).data();
            assertEquals("failed", task.get("status").asText());
            assertEquals("INTERRUPTED", task.get("errorCode").asText());
            try (Sse replay = Sse.open(
                    again,
                    again.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                assertEquals(1, terminals(replay.events()).size(), "one terminal event is stored");
            }
        }
    }
}
