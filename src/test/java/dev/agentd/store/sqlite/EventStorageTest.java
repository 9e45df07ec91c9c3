package dev.agentd.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.api.Json;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.domain.EventType;
import dev.agentd.domain.FailureCode;
import dev.agentd.store.EventStore;
import dev.agentd.store.sql.SqlStore;
import dev.agentd.support.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events kept compactly read back as exactly the JSON they were appended with. */
class EventStorageTest {
    private static final ObjectMapper JSON = Json.mapper();

    @TempDir
    Path dir;

    private static final List<EventData> EVENTS = List.of(
            new EventData.Content("plain ", true),
            new EventData.Content("quotes \" and \\ backslashes, a tab\t, a newline\n", true),
            new EventData.Content("\u0001 control, é ü, 漢字, 🙂 and \u2028", true),
            new EventData.Content("", false),
            new EventData.Content("the last piece.", false),
            new EventData.Done("plain quotes"),
            new EventData.Failure(FailureCode.MODEL_ERROR, "the model said \"no\""));

    private static String json(EventData data) throws Exception {
        return JSON.writeValueAsString(data);
    }

    @Test
    void everyEventReadsBackAsTheJsonItWasAppendedWith() throws Exception {
        try (SqlStore store = SqliteStore.open(dir.resolve("agentd.db"))) {
            Stores.pendingTask(store, "key", "task");
            List<Event> appended = new ArrayList<>();
            long seq = 1;
            for (EventData d : EVENTS) appended.add(new Event(seq++, 1, d.type(), json(d)));
            // a content event whose JSON is not the canonical one is kept as it came
            appended.add(new Event(seq, 1, EventType.CONTENT, "{\"isPartial\":true,\"text\":\"reordered\"}"));
            store.events()
                    .append(appended.stream()
                            .map(e -> new EventStore.Appended("task", e))
                            .toList());
            assertEquals(appended, store.events().between("task", 0, Long.MAX_VALUE));
            assertEquals(appended, store.events().ofRun("task", 1));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("agentd.db"));
                PreparedStatement q = db.prepareStatement("SELECT kind, data FROM events WHERE seq = 1")) {
            ResultSet rs = q.executeQuery();
            rs.next();
            assertEquals(8, rs.getInt("kind"), "a partial piece");
            assertEquals("plain ", rs.getString("data"), "is stored as its text alone");
        }
    }

    @Test
    void aDatabaseOfTheEarlierSchemaKeepsItsEventsThroughTheMigration() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("agentd.db");
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/sqlite")
                .target("2")
                .load()
                .migrate();
        List<Event> before = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url)) {
            try (PreparedStatement st = db.prepareStatement(
                    "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES ('key', 'test', 'h', '2026-01-01')")) {
                st.execute();
            }
            try (PreparedStatement st = db.prepareStatement("INSERT INTO tasks (id, api_key_id, session_id, "
                    + "conversation_id, status, message, show_in_history, auto_execute, created_at, last_activity_at) "
                    + "VALUES ('old-task', 'key', 's', 'c', 'completed', 'hi', 1, 1, '2026-01-01', '2026-01-01')")) {
                st.execute();
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO events (task_id, seq, run_id, type, data) VALUES ('old-task', ?, 1, ?, ?)")) {
                long seq = 1;
                for (EventData d : EVENTS) {
                    before.add(new Event(seq, 1, d.type(), json(d)));
                    insert.setLong(1, seq++);
                    insert.setString(2, d.type().wire());
                    insert.setString(3, json(d));
                    insert.execute();
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        try (SqlStore store = SqliteStore.open(dir.resolve("agentd.db"))) {
            assertEquals(before, store.events().between("old-task", 0, Long.MAX_VALUE));
            Stores.pendingTask(store, "key", "new-task");
            store.events().append(List.of(new EventStore.Appended("new-task", before.getFirst())));
            assertEquals(List.of(before.getFirst()), store.events().between("new-task", 0, 10), "new tasks number on");
        }
    }
}
