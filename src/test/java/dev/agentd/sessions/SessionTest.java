package dev.agentd.sessions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ServerLog;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static ServerLog log;

    @BeforeAll
    static void start() {
        log = ServerLog.mark();
        server = TestServer.start(dir, Map.of("AGENTD_SESSION_IDLE_TIMEOUT", "300ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long lastSeq(String id) {
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
            return sse.events().getLast().id();
        }
    }

    private static void awaitExpiry(String sessionId, String taskId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> log.since().contains("session " + sessionId + " of task " + taskId + " expired"));
    }

    @Test
    void anIdleSessionIsReleasedAndAFollowUpRestoresItWithItsMemory() {
        String id = server.newTask("What is 2+2?");
        String firstSession = server.awaitFinished(id).get("sessionId").asText();
        long seq = lastSeq(id);
        awaitExpiry(firstSession, id);
        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"multiply that by 3\"}");
        List<Sse.Frame> events;
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=" + seq).build())) {
            events = sse.events();
        }
        assertEquals("status", events.getFirst().event());
        assertEquals(
                "restoring",
                events.getFirst().data().get("status").asText(),
                "restoring comes before the run's other events");
        assertEquals(
                "Restoring session…", events.getFirst().data().get("message").asText());
        assertEquals(
                "4 multiplied by 3 equals 12.",
                events.getLast().data().get("finalResponse").asText());
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertNotEquals(firstSession, task.get("sessionId").asText(), "a restored session has a new id");
    }

    @Test
    void expiryReleasesProceedAlwaysGrants() {
        String id = server.manualTask("run `echo one`");
        String callId = server.awaitPendingCall(id);
        server.approve(id, callId, "proceed_always");
        server.awaitFinished(id);
        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"run `echo two`\"}");
        JsonNode granted = server.awaitFinished(id);
        assertEquals("completed", granted.get("status").asText(), "the grant holds within the session");
        awaitExpiry(granted.get("sessionId").asText(), id);
        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"run `echo three`\"}");
        JsonNode task = server.awaitStatus(id, "awaiting_approval");
        assertEquals(
                "run_command",
                task.get("pendingApprovals").get(0).get("toolName").asText(),
                "the grant went with the session");
        server.approve(id, task.get("pendingApprovals").get(0).get("callId").asText(), "proceed_once");
        server.awaitFinished(id);
    }

    @Test
    void anAwaitingTaskNeverExpires() {
        String id = server.manualTask("run `echo still here`");
        JsonNode waiting = server.awaitStatus(id, "awaiting_approval");
        await().alias("no expiry while awaiting approval")
                .during(Duration.ofMillis(900)) // three idle timeouts
                .atMost(Duration.ofSeconds(5))
                .until(() -> !log.since().contains("of task " + id + " expired"));
        server.approve(id, waiting.get("pendingApprovals").get(0).get("callId").asText(), "proceed_once");
        JsonNode done = server.awaitFinished(id);
        assertEquals("completed", done.get("status").asText());
        assertEquals(
                waiting.get("sessionId").asText(), done.get("sessionId").asText(), "the same session finished the run");
        assertTrue(done.get("output").get("content").asText().contains("still here"));
    }
}
