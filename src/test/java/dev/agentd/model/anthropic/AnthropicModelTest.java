package dev.agentd.model.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolSpec;
import dev.agentd.model.openai.RetryPolicy;
import dev.agentd.support.RecordingSink;
import dev.agentd.tools.Schema;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages provider against a stand-in server replaying the API's event streams. */
class AnthropicModelTest {
    private static final String KEY = "sk-ant-test-key-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec(
                    "read_file",
                    "Read a file",
                    Schema.object().property("path", "string", "p", true).build()),
            new ToolSpec("list_files", "List files", Schema.object().build()));

    MockWebServer server;
    AnthropicModel model;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        model = new AnthropicModel(
                server.url("/"),
                KEY,
                "claude-test",
                1024,
                0,
                Duration.ofSeconds(10),
                new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ModelRequest ask(String message) {
        return new ModelRequest("You are terse.", List.of(ChatMessage.user(message)), TOOLS);
    }

    JsonNode request() throws Exception {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/messages", r.getUrl().encodedPath());
        assertEquals(KEY, r.getHeaders().get("x-api-key"));
        assertEquals("2023-06-01", r.getHeaders().get("anthropic-version"));
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void textStreamsPieceByPieceWithUsageAndCachedTokensAndAStablePrefixMarkedForTheCache() throws Exception {
        server.enqueue(AnthropicStream.start(20, 120)
                .text("Hello", " there", ".")
                .stop("end_turn", 7)
                .response());
        RecordingSink sink = new RecordingSink();
        ModelTurn turn = model.next(ask("hi"), sink);
        assertEquals(List.of("Hello", " there", "."), sink.pieces);
        assertEquals("Hello there.", turn.text());
        assertEquals(140, turn.promptTokens(), "input, cached and cache-written tokens together");
        assertEquals(120, turn.cachedTokens());
        assertEquals(7, turn.completionTokens());
        JsonNode body = request();
        assertEquals("claude-test", body.get("model").asText());
        assertTrue(body.get("stream").asBoolean());
        assertEquals("You are terse.", body.get("system").get(0).get("text").asText());
        assertEquals(
                "ephemeral",
                body.get("system").get(0).get("cache_control").get("type").asText());
        assertEquals(
                "ephemeral",
                body.get("tools").get(1).get("cache_control").get("type").asText(),
                "after the last tool");
        assertTrue(body.get("tools").get(0).get("cache_control") == null);
        assertEquals("read_file", body.get("tools").get(0).get("name").asText());
        assertTrue(body.get("tools").get(0).has("input_schema"));
    }

    @Test
    void twoToolCallsInOneTurnAreAssembledFromTheirStreamedJsonAndGoBackAsToolResults() throws Exception {
        server.enqueue(AnthropicStream.start(10, 0)
                .text("Looking.")
                .toolUse("toolu_1", "read_file", "{\"pa", "th\": \"a.", "txt\"}")
                .toolUse("toolu_2", "list_files", "")
                .stop("tool_use", 30)
                .response());
        ModelTurn turn = model.next(ask("read a.txt and list files"), new RecordingSink());
        assertEquals(2, turn.toolCalls().size());
        assertEquals("toolu_1", turn.toolCalls().get(0).id());
        assertEquals("a.txt", turn.toolCalls().get(0).args().get("path").asText());
        assertEquals("list_files", turn.toolCalls().get(1).name());
        assertEquals(0, turn.toolCalls().get(1).args().size(), "no input is an empty object");
        request();

        server.enqueue(
                AnthropicStream.start(50, 10).text("Done.").stop("end_turn", 2).response());
        List<ChatMessage> memory = List.of(
                ChatMessage.user("read a.txt and list files"),
                ChatMessage.assistant(turn.text(), turn.toolCalls()),
                ChatMessage.toolResult("toolu_1", "read_file", "1\thello"),
                ChatMessage.toolResult("toolu_2", "list_files", "a.txt"),
                ChatMessage.user("thanks"));
        model.next(new ModelRequest("You are terse.", memory, TOOLS), new RecordingSink());
        JsonNode messages = request().get("messages");
        assertEquals(List.of("user", "assistant", "user"), roles(messages), "turns alternate: " + messages);
        JsonNode assistant = messages.get(1).get("content");
        assertEquals("text", assistant.get(0).get("type").asText());
        assertEquals("tool_use", assistant.get(1).get("type").asText());
        assertEquals("a.txt", assistant.get(1).get("input").get("path").asText());
        JsonNode results = messages.get(2).get("content");
        assertEquals("tool_result", results.get(0).get("type").asText());
        assertEquals("toolu_2", results.get(1).get("tool_use_id").asText());
        assertEquals("thanks", results.get(2).get("text").asText(), "the follow-up joins the same user turn");
    }

    static List<String> roles(JsonNode messages) {
        return java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.get("role").asText())
                .toList();
    }

    @Test
    void thinkingBecomesThoughtsAndIsSentBackSignedBeforeTheToolCall() throws Exception {
        AnthropicModel thinking = new AnthropicModel(
                server.url("/"),
                KEY,
                "claude-test",
                1024,
                2048,
                Duration.ofSeconds(10),
                new RetryPolicy(1, Duration.ofMillis(5), Duration.ofSeconds(5)));
        server.enqueue(AnthropicStream.start(10, 0)
                .thinking("The user wants a file.\n\n", "I should read it.")
                .toolUse("toolu_9", "read_file", "{\"path\": \"b.txt\"}")
                .stop("tool_use", 40)
                .response());
        RecordingSink sink = new RecordingSink();
        ModelTurn turn = thinking.next(ask("show b.txt"), sink);
        assertEquals(2, sink.thoughts.size(), sink.thoughts.toString());
        assertEquals("The user wants a file.", sink.thoughts.get(0).description());
        JsonNode body = request();
        assertEquals(2048, body.get("thinking").get("budget_tokens").asInt());
        assertTrue(body.get("max_tokens").asInt() > 2048, "the answer gets room beyond the thinking");

        server.enqueue(AnthropicStream.start(60, 0)
                .text("It says hi.")
                .stop("end_turn", 3)
                .response());
        thinking.next(
                new ModelRequest(
                        "You are terse.",
                        List.of(
                                ChatMessage.user("show b.txt"),
                                ChatMessage.assistant(turn.text(), turn.toolCalls(), turn.reasoning()),
                                ChatMessage.toolResult("toolu_9", "read_file", "hi")),
                        TOOLS),
                new RecordingSink());
        JsonNode assistant = request().get("messages").get(1).get("content");
        assertEquals("thinking", assistant.get(0).get("type").asText());
        assertEquals("sig-abc", assistant.get(0).get("signature").asText());
        assertEquals("tool_use", assistant.get(1).get("type").asText());
    }

    @Test
    void anOverloaded529IsTriedAgainHonouringRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder(AnthropicStream.failure(529, "overloaded_error", "Overloaded"))
                .setHeader("retry-after", "0")
                .build());
        server.enqueue(AnthropicStream.failure(429, "rate_limit_error", "Slow down"));
        server.enqueue(
                AnthropicStream.start(5, 0).text("Back.").stop("end_turn", 1).response());
        RecordingSink sink = new RecordingSink();
        assertEquals("Back.", model.next(ask("hi"), sink).text());
        assertEquals(2, sink.retries.size(), sink.retries.toString());
        assertTrue(sink.retries.get(0).contains("HTTP 529: Overloaded"), sink.retries.get(0));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void anErrorInTheMiddleOfTheStreamEndsTheTurnWithTheProvidersMessage() {
        server.enqueue(AnthropicStream.start(5, 0)
                .text("Half an ans")
                .error("api_error", "Internal server error")
                .response());
        RecordingSink sink = new RecordingSink();
        ModelException e = assertThrows(ModelException.class, () -> model.next(ask("hi"), sink));
        assertTrue(e.getMessage().contains("Internal server error"), e.getMessage());
        assertEquals("Half an ans", sink.text(), "what streamed stays streamed, and is not sent twice");
        assertEquals(1, server.getRequestCount(), "a turn that streamed is not tried again");
    }

    @Test
    void aCutStreamAfterTextFailsAndOneBeforeAnyTextIsTriedAgain() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .body(AnthropicStream.start(5, 0).cut())
                .onResponseEnd(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(AnthropicStream.start(5, 0)
                .text("Second try.")
                .stop("end_turn", 2)
                .response());
        assertEquals("Second try.", model.next(ask("hi"), new RecordingSink()).text());

        server.enqueue(new MockResponse.Builder()
                .body(AnthropicStream.start(5, 0).text("Partial").cut())
                .onResponseEnd(new SocketEffect.CloseSocket())
                .build());
        ModelException e = assertThrows(ModelException.class, () -> model.next(ask("hi"), new RecordingSink()));
        assertTrue(e.getMessage().startsWith("The model's stream ended early"), e.getMessage());
    }

    @Test
    void aPromptTooLongIsToldApartAndTheKeyNeverAppearsInAMessage() {
        server.enqueue(AnthropicStream.failure(
                400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));
        ModelException tooLong = assertThrows(ModelException.class, () -> model.next(ask("hi"), new RecordingSink()));
        assertTrue(tooLong.contextTooLong(), tooLong.getMessage());
        server.enqueue(AnthropicStream.failure(401, "authentication_error", "invalid x-api-key " + KEY));
        ModelException denied = assertThrows(ModelException.class, () -> model.next(ask("hi"), new RecordingSink()));
        assertTrue(!denied.contextTooLong());
        assertTrue(!denied.getMessage().contains(KEY), denied.getMessage());
        assertEquals(2, server.getRequestCount(), "neither is tried again");
    }
}
