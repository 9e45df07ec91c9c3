package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import dev.agentd.bench.stats.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A task with a long history, read back three ways: GET …/history, the stream's history replay,
 * and — the floor — the same rows read with plain JDBC from the server's database file.
 */
public final class LongHistory {
    private LongHistory() {}

    /**
     * Creates a task and queues follow-ups until it holds {@code messages} messages (a user and an
     * assistant message per run), then waits for the last run to end. Returns the task's id.
     */
    public static String seed(Endpoint endpoint, Path database, int messages, Duration timeout)
            throws IOException, InterruptedException, SQLException {
        String id;
        try (ApiClient client = endpoint.client(Duration.ofMinutes(5))) {
            id = client.create(CreateToDone.QUESTION);
            for (int i = 1; i < messages / 2; i++) client.followUp(id, CreateToDone.QUESTION);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = readOnly(database);
                PreparedStatement q = db.prepareStatement("SELECT message_count, status FROM tasks WHERE id = ?")) {
            q.setString(1, id);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next() && rs.getInt(1) >= messages && rs.getString(2).equals("completed")) return id;
                }
                Thread.sleep(200);
            }
        }
        throw new IOException("the task did not reach " + messages + " messages within " + timeout);
    }

    /** Whole-history GETs: the time of each, to the body's last byte. */
    public static Samples getHistory(Endpoint endpoint, String taskId, int times) throws IOException {
        Samples s = new Samples();
        try (ApiClient client = endpoint.client(Duration.ofMinutes(5))) {
            for (int i = 0; i < times; i++) {
                long t0 = System.nanoTime();
                client.getBytes("/api/v1/tasks/" + taskId + "/history");
                s.add(System.nanoTime() - t0);
            }
        }
        return s;
    }

    /** Stream replays to the server's close; fails unless each delivers exactly {@code messages} history_message events. */
    public static Samples replay(Endpoint endpoint, String taskId, int messages, int times) throws IOException {
        Samples s = new Samples();
        try (ApiClient client = endpoint.client(Duration.ofMinutes(5))) {
            for (int i = 0; i < times; i++) {
                int[] count = {0};
                long t0 = System.nanoTime();
                client.stream(taskId, null, f -> {
                    if (f.is("history_message")) count[0]++;
                    return true;
                });
                s.add(System.nanoTime() - t0);
                if (count[0] != messages) throw new IOException("replay delivered " + count[0] + " of " + messages);
            }
        }
        return s;
    }

    /** The floor: every column of the task's messages, in order, with one plain JDBC query. */
    public static Samples plainJdbc(Path database, String taskId, int messages, int times)
            throws SQLException, IOException {
        Samples s = new Samples();
        try (Connection db = readOnly(database);
                PreparedStatement q = db.prepareStatement("SELECT * FROM messages WHERE task_id = ? ORDER BY idx")) {
            for (int i = 0; i < times; i++) {
                long t0 = System.nanoTime();
                q.setString(1, taskId);
                int rows = 0;
                long chars = 0;
                try (ResultSet rs = q.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int c = 1; c <= columns; c++) {
                            String v = rs.getString(c);
                            if (v != null) chars += v.length();
                        }
                    }
                }
                s.add(System.nanoTime() - t0);
                if (rows != messages || chars == 0)
                    throw new IOException("JDBC read " + rows + " of " + messages + " rows");
            }
        }
        return s;
    }

    static Connection readOnly(Path database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?mode=ro");
    }
}
