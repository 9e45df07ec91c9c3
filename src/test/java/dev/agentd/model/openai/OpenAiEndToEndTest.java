package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** agentd on {@code openai:test-model}, its provider faked, driven over HTTP and read from the stream. */
@Timeout(60)
class OpenAiEndToEndTest {
    @TempDir
    static Path dir;

    static MockWebServer provider;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        provider = new MockWebServer();
        provider.start();
        server = TestServer.start(
                dir,
                Map.of(
                        "AGENTD_MODEL",
                        "openai:test-model",
                        "OPENAI_BASE_URL",
                        provider.url("/v1").toString(),
                        "OPENAI_API_KEY",
                        "sk-test-secret"));
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    @BeforeEach
    void forgetEarlierRequests() throws InterruptedException {
        while (provider.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // requests of earlier tests
        }
    }

    /** The task's events after {@code seq}, through the terminal event of its run (resume skips the replay). */
    static List<Sse.Frame> events(String taskId, long seq) {
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + taskId + "/stream?after=" + seq)
                        .build())) {
            List<Sse.Frame> frames = sse.events();
            assertTrue(!frames.isEmpty() && frames.getLast().terminal(), "no terminal event: " + frames);
            return frames;
        }
    }

    static List<Sse.Frame> events(String taskId) {
        return events(taskId, 0);
    }

    static List<Sse.Frame> named(List<Sse.Frame> frames, String event) {
        return frames.stream().filter(f -> f.event().equals(event)).toList();
    }

    static JsonNode request() throws InterruptedException {
        RecordedRequest r = provider.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(r, "the provider got no request");
        return OpenAiModelTest.readJson(r.getBody().utf8());
    }

    @Test
    void aTextAnswerIsStreamedAsContentEventsAndEndsDone() {
        provider.enqueue(ProviderStream.start()
                .content("Paris ")
                .content("is the ")
                .content("capital.")
                .finish("stop")
                .usage(31, 4)
                .done()
                .response());
        String id = server.newTask("What is the capital of France?");

        List<Sse.Frame> frames = events(id);

        List<Sse.Frame> content = named(frames, "content");
        // every piece goes out as it arrives; the provider says the turn is over only after its last piece,
        // so the end is marked by an empty closing piece
        assertEquals(
                List.of("Paris ", "is the ", "capital.", ""),
                content.stream().map(f -> f.data().get("text").asText()).toList());
        assertEquals(
                List.of(true, true, true, false),
                content.stream().map(f -> f.data().get("isPartial").asBoolean()).toList());
        assertEquals("done", frames.getLast().event());
        assertEquals(
                "Paris is the capital.",
                frames.getLast().data().get("finalResponse").asText());
        assertEquals(
                "completed",
                server.get("/api/v1/tasks/" + id).data().get("status").asText());
    }

    @Test
    void reasoningIsStreamedAsThoughtEventsBeforeTheText() {
        provider.enqueue(ProviderStream.start()
                .reasoningContent("**Choosing a greeting**\n\nSomething ")
                .reasoningContent("short and warm.")
                .content("Hello!")
                .finish("stop")
                .usage(5, 20)
                .done()
                .response());
        String id = server.newTask("Greet me");

        List<Sse.Frame> frames = events(id);

        List<Sse.Frame> thoughts = named(frames, "thought");
        assertEquals(1, thoughts.size(), frames.toString());
        assertEquals(
                "Choosing a greeting", thoughts.getFirst().data().get("subject").asText());
        assertEquals(
                "Something short and warm.",
                thoughts.getFirst().data().get("description").asText());
        assertTrue(frames.indexOf(thoughts.getFirst())
                < frames.indexOf(named(frames, "content").getFirst()));
        assertEquals("Hello!", frames.getLast().data().get("finalResponse").asText());
    }

    @Test
    void twoToolCallsOfOneTurnRunAndTheirResultsGoBackWithMatchingIds() throws Exception {
        provider.enqueue(ProviderStream.start()
                .content("Let me look.")
                .toolCall(0, "call_list", "list_files")
                .arguments(0, "{\"pa")
                .arguments(0, "th\": ")
                .arguments(0, "\".\"}")
                .toolCall(1, "call_read", "read_file")
                .arguments(1, "{\"path\": \"no")
                .arguments(1, "tes.txt\"}")
                .finish("tool_calls")
                .usage(100, 20)
                .done()
                .response());
        provider.enqueue(ProviderStream.start()
                .content(" Done.")
                .finish("stop")
                .usage(150, 10)
                .done()
                .response());
        String id = server.newTask("Look at my files");

        List<Sse.Frame> frames = events(id);

        List<Sse.Frame> calls = named(frames, "tool_call");
        assertEquals(
                List.of("call_list", "call_read"),
                calls.stream().map(f -> f.data().get("callId").asText()).toList());
        assertEquals(
                List.of("list_files", "read_file"),
                calls.stream().map(f -> f.data().get("toolName").asText()).toList());
        assertEquals(
                OpenAiModelTest.readJson("{\"path\":\".\"}"),
                calls.get(0).data().get("args"));
        assertEquals(
                OpenAiModelTest.readJson("{\"path\":\"notes.txt\"}"),
                calls.get(1).data().get("args"));
        List<Sse.Frame> results = named(frames, "tool_result");
        assertEquals(
                List.of("call_list", "call_read"),
                results.stream().map(f -> f.data().get("callId").asText()).toList());
        assertEquals("done", frames.getLast().event());
        assertEquals(
                "Let me look. Done.",
                frames.getLast().data().get("finalResponse").asText());

        JsonNode tools = request().get("tools");
        assertNotNull(tools, "the tool box is offered to the model");
        List<String> offered = new ArrayList<>();
        for (JsonNode tool : tools) {
            assertEquals("function", tool.get("type").asText(), tool.toString());
            assertEquals(
                    "object", tool.get("function").get("parameters").get("type").asText(), tool.toString());
            assertFalse(tool.get("function").get("description").asText().isBlank(), tool.toString());
            offered.add(tool.get("function").get("name").asText());
        }
        assertTrue(offered.containsAll(List.of("list_files", "read_file")), offered.toString());
        JsonNode second = request().get("messages");
        assertEquals(5, second.size(), second.toString());
        assertEquals("user", second.get(1).get("role").asText());
        JsonNode assistant = second.get(2);
        assertEquals("assistant", assistant.get("role").asText());
        assertEquals("Let me look.", assistant.get("content").asText());
        JsonNode toolCalls = assistant.get("tool_calls");
        assertEquals(2, toolCalls.size());
        assertEquals("call_list", toolCalls.get(0).get("id").asText());
        assertEquals("function", toolCalls.get(0).get("type").asText());
        assertEquals("list_files", toolCalls.get(0).get("function").get("name").asText());
        assertEquals(
                OpenAiModelTest.readJson("{\"path\":\".\"}"),
                OpenAiModelTest.readJson(
                        toolCalls.get(0).get("function").get("arguments").asText()));
        assertEquals("call_read", toolCalls.get(1).get("id").asText());
        assertEquals(
                OpenAiModelTest.readJson("{\"path\":\"notes.txt\"}"),
                OpenAiModelTest.readJson(
                        toolCalls.get(1).get("function").get("arguments").asText()));
        for (int i = 0; i < 2; i++) {
            JsonNode tool = second.get(3 + i);
            assertEquals("tool", tool.get("role").asText());
            assertEquals(
                    results.get(i).data().get("callId").asText(),
                    tool.get("tool_call_id").asText());
            assertEquals(
                    results.get(i).data().get("output").asText(),
                    tool.get("content").asText());
        }
    }

    @Test
    void tokenUsageOfEveryTurnIsRecordedForTheRun() {
        provider.enqueue(ProviderStream.start()
                .toolCall(0, "call_1", "list_files")
                .arguments(0, "{}")
                .finish("tool_calls")
                .usage(100, 20)
                .done()
                .response());
        provider.enqueue(ProviderStream.start()
                .content("Nothing here.")
                .finish("stop")
                .usage(150, 7)
                .done()
                .response());
        String id = server.newTask("What files are there?");
        assertEquals("done", events(id).getLast().event());

        {
            Jdbi db = TestDatabases.jdbi(dir);
            Map<String, Object> run = db.withHandle(
                    h -> h.createQuery("SELECT prompt_tokens, completion_tokens FROM runs WHERE task_id = ?")
                            .bind(0, id)
                            .mapToMap()
                            .one());
            assertEquals(250L, ((Number) run.get("prompt_tokens")).longValue());
            assertEquals(27L, ((Number) run.get("completion_tokens")).longValue());
        }
    }

    @Test
    void a429WithRetryAfterIsAnnouncedAsRetryingAndThenSucceeds() throws Exception {
        provider.enqueue(new MockResponse.Builder(ProviderStream.error(429, "Rate limit reached for requests"))
                .setHeader("Retry-After", "1")
                .build());
        provider.enqueue(ProviderStream.text("Made it.", 3, 2));
        String id = server.newTask("Are you there?");

        List<Sse.Frame> frames = events(id);

        List<Sse.Frame> retrying = named(frames, "status").stream()
                .filter(f -> f.data().get("status").asText().equals("retrying"))
                .toList();
        assertEquals(1, retrying.size(), frames.toString());
        String message = retrying.getFirst().data().get("message").asText();
        assertTrue(message.contains("429") && message.contains("Rate limit reached for requests"), message);
        assertTrue(frames.indexOf(retrying.getFirst())
                < frames.indexOf(named(frames, "content").getFirst()));
        assertEquals("done", frames.getLast().event());
        assertEquals("Made it.", frames.getLast().data().get("finalResponse").asText());
        assertEquals(2, countRequests());
    }

    @Test
    void a401FailsAtOnceAsModelErrorWithTheProvidersMessage() throws Exception {
        provider.enqueue(ProviderStream.error(
                401,
                "Incorrect API key provided: sk-test-****cret. You can find "
                        + "your API key at https://platform.openai.com/account/api-keys."));
        String id = server.newTask("Hello?");

        List<Sse.Frame> frames = events(id);

        Sse.Frame error = frames.getLast();
        assertEquals("error", error.event());
        assertEquals("MODEL_ERROR", error.data().get("code").asText());
        assertTrue(
                error.data().get("message").asText().contains("Incorrect API key provided"),
                error.data().toString());
        assertTrue(named(frames, "status").stream()
                .noneMatch(f -> f.data().get("status").asText().equals("retrying")));
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertEquals("failed", task.get("status").asText());
        assertEquals("MODEL_ERROR", task.get("errorCode").asText());
        assertEquals(1, countRequests());
    }

    @Test
    void aStreamCutOffInTheMiddleEndsAsModelErrorKeepingWhatWasStreamed() throws Exception {
        ProviderStream stream = ProviderStream.start().content("The answer").content(" is");
        for (int i = 0; i < 20; i++) stream.content(" very");
        provider.enqueue(new MockResponse.Builder(
                        stream.content(" long.").finish("stop").done().response())
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());
        String id = server.newTask("Tell me");

        List<Sse.Frame> frames = events(id);

        assertTrue(Sse.text(frames).startsWith("The answer is"), Sse.text(frames));
        Sse.Frame error = frames.getLast();
        assertEquals("error", error.event());
        assertEquals("MODEL_ERROR", error.data().get("code").asText());
        assertTrue(
                error.data().get("message").asText().contains("stream ended early"),
                error.data().toString());
        assertEquals(1, countRequests());
        JsonNode messages =
                server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
        assertEquals("assistant", messages.get(messages.size() - 1).get("role").asText());
        assertEquals(
                Sse.text(frames),
                messages.get(messages.size() - 1).get("content").asText(),
                "what was streamed before the cut stays in history");
    }

    @Test
    void aFollowUpSendsTheWholeConversationWithTheTasksSystemPromptBeforeTheBaseOne() throws Exception {
        provider.enqueue(ProviderStream.text("Paris, matey.", 10, 3));
        provider.enqueue(ProviderStream.text("Rome, matey.", 20, 3));
        String id = server.createTask(
                "{\"message\":\"What is the capital of France?\",\"systemPrompt\":\"Talk like a pirate.\"}");
        Sse.Frame first = events(id).getLast();
        assertEquals("done", first.event());
        assertEquals(
                202,
                server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"And of Italy?\"}")
                        .status());
        assertEquals(
                "Rome, matey.",
                events(id, first.id()).getLast().data().get("finalResponse").asText());

        request();
        JsonNode messages = request().get("messages");
        assertEquals("system", messages.get(0).get("role").asText());
        assertEquals(
                "Talk like a pirate.\n\n" + basePrompt(),
                messages.get(0).get("content").asText());
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < messages.size(); i++) {
            rest.add(messages.get(i).get("role").asText() + ": "
                    + messages.get(i).get("content").asText());
        }
        assertEquals(
                List.of("user: What is the capital of France?", "assistant: Paris, matey.", "user: And of Italy?"),
                rest);
    }

    static int countRequests() throws InterruptedException {
        int n = 0;
        while (provider.takeRequest(200, TimeUnit.MILLISECONDS) != null) n++;
        return n;
    }

    static String basePrompt() throws IOException {
        try (InputStream in = OpenAiEndToEndTest.class.getResourceAsStream("/prompts/system.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
