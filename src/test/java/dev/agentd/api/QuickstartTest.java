package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "100"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDocumentedQuickstartAnswersFourThenForty() {
        TestServer.Reply created = server.postJson("/api/v1/tasks", "{\"message\":\"What is 2+2?\"}");
        assertEquals(201, created.status());
        assertEquals("pending", created.data().get("status").asText());
        String id = created.data().get("id").asText();

        List<Sse.Frame> first;
        try (Sse sse = Sse.open(server, id)) {
            first = sse.events();
        }
        Sse.Frame done = first.getLast();
        assertEquals("done", done.event());
        assertEquals("2+2 equals 4.", done.data().get("finalResponse").asText());
        assertEquals("2+2 equals 4.", Sse.text(first));

        TestServer.Reply follow =
                server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"Now multiply that by 10\"}");
        assertEquals(202, follow.status());
        assertEquals("running", follow.data().get("status").asText());
        List<Sse.Frame> second;
        try (Sse sse = Sse.open(server, id)) {
            second = sse.events();
        }
        assertEquals(
                "4 multiplied by 10 equals 40.",
                second.getLast().data().get("finalResponse").asText());

        JsonNode history = server.get("/api/v1/tasks/" + id + "/history").data();
        assertEquals(id, history.get("taskId").asText());
        assertEquals("completed", history.get("status").asText());
        JsonNode messages = history.get("messages");
        assertEquals(4, messages.size());
        assertEquals(
                List.of("user", "assistant", "user", "assistant"),
                List.of(
                        messages.get(0).get("role").asText(),
                                messages.get(1).get("role").asText(),
                        messages.get(2).get("role").asText(),
                                messages.get(3).get("role").asText()));
        assertEquals("What is 2+2?", messages.get(0).get("content").asText());
        assertEquals(
                "4 multiplied by 10 equals 40.", messages.get(3).get("content").asText());
        assertFalse(messages.get(0).has("thoughts"), "user messages carry no thoughts");
        assertFalse(messages.get(0).has("attachedFiles"), "empty fields are left out");
    }

    @Test
    void theTaskObjectHasEveryDocumentedFieldAndTheLastRunsOutput() {
        String id = server.createTask(
                "{\"message\":\"What is 6 times 7?\",\"systemPrompt\":\"Be brief.\"," + "\"env\":{\"REGION\":\"eu\"}}");
        JsonNode task = server.awaitFinished(id);
        for (String field : List.of(
                "id",
                "apiKeyId",
                "username",
                "sessionId",
                "conversationId",
                "status",
                "message",
                "systemPrompt",
                "showInHistory",
                "autoExecute",
                "env",
                "error",
                "createdAt",
                "startedAt",
                "completedAt",
                "output")) {
            assertTrue(task.has(field), "task object lacks " + field + ": " + task);
        }
        assertEquals("completed", task.get("status").asText());
        assertEquals("Be brief.", task.get("systemPrompt").asText());
        assertEquals("eu", task.get("env").get("REGION").asText());
        assertEquals("AGENTD_API_KEY", task.get("username").asText());
        assertTrue(task.get("conversationId").asText().matches("\\d{13}-[0-9a-z]{9}"), task.toString());
        assertTrue(task.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(
                "6 multiplied by 7 equals 42.",
                task.get("output").get("content").asText());
        assertFalse(task.has("pendingApprovals"), "pendingApprovals appears only when non-empty");
        assertTrue(task.get("error").isNull());
    }

    @Test
    void theHealthEndpointAnswersWithoutAKey() {
        TestServer.Reply health = server.call(
                new okhttp3.Request.Builder().url(server.url("/health")).build());
        assertEquals(200, health.status());
        assertEquals("ok", health.data().get("status").asText());
    }
}
