package dev.agentd.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void aSecretSplitAcrossStreamedPiecesIsMaskedInEveryEventAndInHistory() {
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "2"))) {
            String secret = "open sesame now";
            String id = server.createTask(TestServer.jsonOf(
                    Map.of("message", "Please keep open sesame now in mind", "secrets", Map.of("PHRASE", secret))));
            server.awaitFinished(id);
            List<Sse.Frame> events;
            try (Sse sse = Sse.open(
                    server,
                    server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                events = sse.events();
            }
            List<String> pieces = events.stream()
                    .filter(f -> f.event().equals("content"))
                    .map(f -> f.data().get("text").asText())
                    .toList();
            String text = String.join("", pieces);
            assertTrue(text.contains("Please keep *** in mind"), text);
            for (Sse.Frame f : events) {
                assertFalse(f.lines().get(1).contains("sesame"), f.lines().toString());
            }
            assertEquals(text, events.getLast().data().get("finalResponse").asText());
            JsonNode stored = server.get("/api/v1/tasks/" + id + "/history")
                    .data()
                    .get("messages")
                    .get(1);
            assertFalse(stored.get("content").asText().contains("sesame"));
            JsonNode task = server.get("/api/v1/tasks/" + id).data();
            assertFalse(task.toString().contains("PHRASE"), "secrets never appear in the task: " + task);
        }
    }

    @Test
    void secretsSentAgainWithAFollowUpReachARestoredSession() {
        String id;
        try (TestServer first = TestServer.start(dir)) {
            id = first.createTask(TestServer.jsonOf(Map.of(
                    "message",
                    "run `echo token=${API_TOKEN:-none}`",
                    "secrets",
                    Map.of("API_TOKEN", "tok-0123456789"))));
            JsonNode task = first.awaitFinished(id);
            assertTrue(task.get("output").get("content").asText().contains("token=***"), task.toString());
        }
        try (TestServer second = TestServer.start(dir)) {
            second.postJson(
                    "/api/v1/tasks/" + id + "/messages", "{\"message\":\"run `echo token=${API_TOKEN:-none}`\"}");
            JsonNode without = second.awaitFinished(id);
            assertTrue(
                    without.get("output").get("content").asText().contains("token=none"),
                    "secrets are not stored, so a restored session has none: " + without);
            second.postJson(
                    "/api/v1/tasks/" + id + "/messages",
                    TestServer.jsonOf(Map.of(
                            "message",
                            "run `echo token=${API_TOKEN:-none}`",
                            "secrets",
                            Map.of("API_TOKEN", "tok-0123456789"))));
            JsonNode with = second.awaitFinished(id);
            assertTrue(with.get("output").get("content").asText().contains("token=***"), with.toString());
        }
    }

    @Test
    void aSecretCutByTheOutputCapLeavesNoPartOfItBehind() {
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_SANDBOX", "none"))) {
            String secret = "capsecret-0123456789abc";
            // stdout keeps 32768 bytes: the secret starts 8 bytes before the cut
            String id = server.createTask(TestServer.jsonOf(Map.of(
                    "message",
                    "run `head -c 32760 /dev/zero | tr '\\0' x; printf %s \"$TOKEN\"; echo`",
                    "secrets",
                    Map.of("TOKEN", secret))));
            JsonNode task = server.awaitFinished(id);
            String output =
                    task.get("output").get("toolCalls").get(0).get("output").asText();
            assertTrue(output.contains("output truncated"), "the cap cut the output: " + output.length());
            assertTrue(output.contains("xxxx"), output.substring(0, 100));
            for (int n = 4; n <= secret.length(); n++) {
                assertFalse(
                        output.contains(secret.substring(0, n)), "the first " + n + " characters of the secret leaked");
            }
            try (Sse sse = Sse.open(
                    server,
                    server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                for (Sse.Frame f : sse.events()) assertFalse(f.lines().get(1).contains("capsecre"), f.event());
            }
        }
    }
}
