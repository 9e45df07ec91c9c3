package dev.agentd.bench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load driver counts exactly what the server did: small loads against the real app, where
 * every count is known in advance and checked against the server's own records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriverCountsTest {
    private Path dir;
    private TestServer server;
    private Endpoint endpoint;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "0"));
        endpoint = new Endpoint("127.0.0.1", server.port(), ApiClient.KEY);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private int taskCount() {
        return server.get("/api/v1/tasks?limit=1")
                .json()
                .get("pagination")
                .get("total")
                .asInt();
    }

    @Test
    void throughputCountsEveryCompletedRunOnceAndTheServerHasExactlyThoseTasks() throws Exception {
        int before = taskCount();
        RunThroughput.Result result = RunThroughput.measure(endpoint, 3, Duration.ofMinutes(1), 4);
        assertEquals(12, result.completed());
        assertEquals(0, result.failed());
        assertEquals(before + 12, taskCount());
        assertTrue(result.elapsedNanos() > 0);
    }

    @Test
    void latencyRecordsOneSampleForEachMeasuredRunAfterTheWarmUp() throws Exception {
        int before = taskCount();
        CreateToDone.Result result = CreateToDone.measure(endpoint, 2, 5, Duration.ofMinutes(1));
        assertEquals(5, result.latency().count());
        assertEquals(5, result.live() + result.replayed());
        assertEquals(0, result.wrong());
        assertEquals(before + 7, taskCount());
    }

    @Test
    void piecesCountedByTheClientsAreThePiecesOfTheRunsAnswers() throws Exception {
        PieceThroughput.Result result = PieceThroughput.measure(endpoint, 3, 20, Duration.ofMinutes(1));
        assertEquals(3, result.finished());
        assertEquals(3, new HashSet<>(result.taskIds()).size());
        long expected = 0;
        for (String id : result.taskIds()) {
            JsonNode messages =
                    server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
            String answer = messages.get(1).get("content").asText();
            assertTrue(answer.contains("word19"));
            expected += answer.split("(?<= )").length;
        }
        assertEquals(expected, result.pieces());
    }

    @Test
    @DisabledIfSystemProperty(
            named = "agentd.test.database",
            matches = "postgresql",
            disabledReason = "the seed writes a SQLite file")
    void aSeededHistoryIsReadBackWholeByEveryReader() throws Exception {
        String id = LongHistory.seed(endpoint, dir.resolve("agentd.db"), 10, Duration.ofMinutes(1));
        assertEquals(
                10,
                server.get("/api/v1/tasks/" + id + "/history")
                        .data()
                        .get("messages")
                        .size());
        assertEquals(2, LongHistory.getHistory(endpoint, id, 2).count());
        // replay and JDBC throw unless each read sees exactly 10 messages
        assertEquals(2, LongHistory.replay(endpoint, id, 10, 2).count());
        assertEquals(
                2, LongHistory.plainJdbc(dir.resolve("agentd.db"), id, 10, 2).count());
    }
}
