package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the hosted API's own clients do, done against agentd as they do it. */
class DropInTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTD_BUILTIN_DELAY_MS", null); // the built-in model's own pace, as a user gets it
        server = TestServer.start(dir, env);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A form post as Python's requests sends {@code data={...}} and curl sends {@code -d}. */
    private static TestServer.Reply form(String path, Map<String, String> fields) {
        FormBody.Builder body = new FormBody.Builder();
        fields.forEach(body::add);
        return server.call(server.request(path).post(body.build()).build());
    }

    @Test
    void aFormEncodedCreateFollowUpAndApprovalWorkLikeTheirJsonTwins() {
        TestServer.Reply created = form("/api/v1/tasks", Map.of("message", "What is 2+2?", "showInHistory", "true"));
        assertEquals(201, created.status(), created.body());
        String id = created.data().get("id").asText();
        assertEquals("pending", created.data().get("status").asText());
        assertEquals(
                "2+2 equals 4.",
                server.awaitFinished(id).get("output").get("content").asText());

        TestServer.Reply followed =
                form("/api/v1/tasks/" + id + "/messages", Map.of("message", "Now multiply that by 10"));
        assertEquals(202, followed.status(), followed.body());
        assertEquals(
                "4 multiplied by 10 equals 40.",
                server.awaitFinished(id).get("output").get("content").asText());

        TestServer.Reply manual =
                form("/api/v1/tasks", Map.of("message", "run `echo approved`", "autoExecute", "false"));
        String manualId = manual.data().get("id").asText();
        String callId = server.awaitPendingCall(manualId);
        TestServer.Reply approved =
                form("/api/v1/tasks/" + manualId + "/tools/" + callId + "/approve", Map.of("outcome", "proceed_once"));
        assertEquals(200, approved.status(), approved.body());
        assertTrue(approved.data().get("approved").asBoolean());
        assertTrue(server.awaitFinished(manualId)
                .get("output")
                .get("content")
                .asText()
                .contains("approved"));
    }

    @Test
    void formBodiesAreValidatedAsMultipartIs() {
        TestServer.Reply badBool = form("/api/v1/tasks", Map.of("message", "hi", "autoExecute", "yes"));
        assertEquals(400, badBool.status(), badBool.body());
        assertEquals("VALIDATION_ERROR", badBool.errorCode());
        TestServer.Reply env = form("/api/v1/tasks", Map.of("message", "hi", "env", "{\"A\":\"b\"}"));
        assertEquals(400, env.status());
        assertTrue(env.body().contains("JSON body"), env.body());
        TestServer.Reply none = form("/api/v1/tasks", Map.of("systemPrompt", "x"));
        assertEquals(400, none.status());
        assertTrue(none.body().contains("message is required"), none.body());
        TestServer.Reply outcome = form(
                "/api/v1/tasks/" + server.newTask("What is 1+1?") + "/tools/nope/approve", Map.of("outcome", "maybe"));
        assertEquals(400, outcome.status(), outcome.body());
    }

    @Test
    void jsonBooleansMayComeAsStrings() {
        String id = server.createTask(
                "{\"message\":\"What is 3+3?\",\"autoExecute\":\"false\",\"showInHistory\":\"true\"}");
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertFalse(task.get("autoExecute").asBoolean());
        assertTrue(task.get("showInHistory").asBoolean());
    }

    @Test
    void theTaskObjectsErrorIsTheMessageAndErrorCodeTheCode() {
        String id = server.newTask("Please take your time answering this, one word after another, until I cancel you");
        server.awaitStatus(id, "running");
        assertEquals(200, server.delete("/api/v1/tasks/" + id).status());
        JsonNode task = server.awaitFinished(id);
        assertTrue(task.get("error").isTextual(), "error is a string, as the public docs define it: " + task);
        assertEquals("Task cancelled", task.get("error").asText());
        assertEquals("CANCELLED", task.get("errorCode").asText());
        JsonNode listed = server.get("/api/v1/tasks").data();
        for (JsonNode t : listed) {
            if (t.get("id").asText().equals(id))
                assertEquals("CANCELLED", t.get("errorCode").asText());
        }
        String fine = server.newTask("What is 5+5?");
        JsonNode ok = server.awaitFinished(fine);
        assertTrue(ok.get("error").isNull() && ok.get("errorCode").isNull(), ok.toString());
    }

    @Test
    void aClientThatCreatesThenOpensTheStreamAsTheDocsDoSeesTheRunLiveAndGetsItsFinalResponse() {
        String id = server.newTask("What is 2+2?");
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream")
                        .header("Accept", "text/event-stream")
                        .build())) {
            List<Sse.Frame> frames = sse.events();
            Sse.Frame historyDone = frames.stream()
                    .filter(f -> f.event().equals("history_done"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    historyDone.data().get("isStreaming").asBoolean(), "the run had not ended when the stream opened");
            assertTrue(frames.stream().anyMatch(f -> f.event().equals("content")), "its pieces came live");
            Sse.Frame last = frames.getLast();
            assertEquals("done", last.event());
            assertEquals("2+2 equals 4.", last.data().get("finalResponse").asText());
        }
    }

    @Test
    void localhostAnswersOnBothLoopbackAddresses() {
        for (String host : List.of("127.0.0.1", "[::1]")) {
            Request health = new Request.Builder()
                    .url("http://" + host + ":" + server.port() + "/health")
                    .build();
            assertEquals(200, server.call(health).status(), host);
        }
        assertTrue(
                server.startupOutput().contains("listening on http://localhost:" + server.port()),
                server.startupOutput());
    }
}
