package dev.agentd.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @TempDir
    Path dir;

    @Test
    void everythingDurableSurvivesARestartAndTheModelStillKnowsThat() {
        String id;
        String cliKey;
        long lastSeqBefore;
        try (TestServer first = TestServer.start(dir)) {
            cliKey = first.createKey("cli");
            id = first.newTask("What is 2+2?");
            first.awaitFinished(id);
            first.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"Now multiply that by 10\"}");
            first.awaitMessages(id, 4);
            try (Sse sse = Sse.open(
                    first,
                    first.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                List<Sse.Frame> events = sse.events();
                lastSeqBefore = events.getLast().id();
                assertEquals(2, events.stream().filter(Sse.Frame::terminal).count(), "both runs are replayed");
            }
        }
        try (TestServer second = TestServer.start(dir)) {
            TestServer.Reply withCliKey = second.call(new Request.Builder()
                    .url(second.url("/api/v1/tasks"))
                    .header("X-API-Key", cliKey)
                    .build());
            assertEquals(200, withCliKey.status(), "a key created before the restart still works");
            JsonNode history =
                    second.get("/api/v1/tasks/" + id + "/history").data().get("messages");
            assertEquals(4, history.size());
            assertEquals(
                    "4 multiplied by 10 equals 40.",
                    history.get(3).get("content").asText());

            second.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"multiply that by 2\"}");
            second.awaitMessages(id, 6);
            history = second.get("/api/v1/tasks/" + id + "/history").data().get("messages");
            assertEquals(
                    "40 multiplied by 2 equals 80.",
                    history.get(5).get("content").asText());
            try (Sse sse = Sse.open(
                    second,
                    second.request("/api/v1/tasks/" + id + "/stream?after=" + lastSeqBefore)
                            .build())) {
                List<Sse.Frame> after = sse.events();
                assertTrue(after.getFirst().id() > lastSeqBefore, "seq continues after the restart");
                assertEquals("done", after.getLast().event());
                assertEquals(
                        "restoring",
                        after.getFirst().data().path("status").asText(),
                        "the session was restored from history: "
                                + after.getFirst().lines());
            }
        }
    }

    @Test
    void aRunCutByShutdownEndsFailedWithOneInterruptedEvent() {
        String id;
        try (TestServer first =
                TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "100", "AGENTD_SHUTDOWN_GRACE", "0s"))) {
            id = first.newTask(
                    "Please give me a long answer so that the shutdown happens while you are still speaking");
            first.awaitContent(id, "You said:");
        }
        try (TestServer second = TestServer.start(dir)) {
            JsonNode task = second.get("/api/v1/tasks/" + id).data();
            assertEquals("failed", task.get("status").asText());
            assertEquals("INTERRUPTED", task.get("errorCode").asText());
            JsonNode messages =
                    second.get("/api/v1/tasks/" + id + "/history").data().get("messages");
            assertEquals(2, messages.size(), "the partial answer is kept");
            assertTrue(messages.get(1).get("content").asText().startsWith("You said:"));
            try (Sse sse = Sse.open(
                    second,
                    second.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                List<Sse.Frame> events = sse.events();
                assertEquals(1, events.stream().filter(Sse.Frame::terminal).count());
                assertEquals("INTERRUPTED", events.getLast().data().get("code").asText());
                assertEquals(
                        messages.get(1).get("content").asText(),
                        Sse.text(events),
                        "the kept text is what was streamed");
            }
        }
    }
}
