package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;
import dev.agentd.support.RecordingSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The provider against a fake Chat Completions endpoint: wire format, streaming and assembly. */
@Timeout(60)
class OpenAiModelTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String KEY = "sk-test-secret";

    MockWebServer server;
    OpenAiModel model;
    RecordingSink sink = new RecordingSink();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        model = new OpenAiModel(
                server.url("/v1"),
                KEY,
                "test-model",
                Duration.ofSeconds(10),
                new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ModelRequest ask(String message) {
        return new ModelRequest("You are terse.", List.of(ChatMessage.user(message)), List.of());
    }

    JsonNode requestBody() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        return readJson(r.getBody().utf8());
    }

    static JsonNode readJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void textDeltasReachTheSinkOneByOneAndMakeUpTheTurnsText() throws Exception {
        server.enqueue(ProviderStream.start()
                .content("Hel")
                .content("lo, ")
                .content("world.")
                .finish("stop")
                .usage(12, 3)
                .done()
                .response());

        ModelTurn turn = model.next(ask("Say hello"), sink);

        assertEquals(List.of("Hel", "lo, ", "world."), sink.pieces);
        assertEquals("Hello, world.", turn.text());
        assertTrue(turn.toolCalls().isEmpty());
        assertEquals(12, turn.promptTokens());
        assertEquals(3, turn.completionTokens());
    }

    @Test
    void theRequestIsAStreamingChatCompletionWithTheKeyAsBearerToken() throws Exception {
        server.enqueue(ProviderStream.text("Hi.", 1, 1));
        model.next(ask("Say hello"), sink);

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", r.getMethod());
        assertEquals("/v1/chat/completions", r.getUrl().encodedPath());
        assertEquals("Bearer " + KEY, r.getHeaders().get("Authorization"));
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
        JsonNode body = readJson(r.getBody().utf8());
        assertEquals("test-model", body.get("model").asText());
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.get("stream_options").get("include_usage").asBoolean());
        assertFalse(body.has("tools"), "no tools means no tools field: " + body);
        assertEquals(
                readJson("[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                        + "{\"role\":\"user\",\"content\":\"Say hello\"}]"),
                body.get("messages"));
    }

    @Test
    void aServerThatNeedsNoKeyGetsNoAuthorizationHeader() throws Exception {
        OpenAiModel keyless = new OpenAiModel(
                server.url("/v1/"),
                null,
                "llama3.2",
                Duration.ofSeconds(10),
                new RetryPolicy(1, Duration.ofMillis(5), Duration.ofSeconds(1)));
        server.enqueue(ProviderStream.text("Hi.", 1, 1));
        keyless.next(ask("Say hello"), sink);

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/chat/completions", r.getUrl().encodedPath());
        assertEquals(null, r.getHeaders().get("Authorization"));
    }

    @Test
    void theConversationAndToolsAreMappedToTheWireFormat() throws Exception {
        ObjectNode args = (ObjectNode) readJson("{\"path\":\"uploads/a.csv\",\"limit\":10}");
        ObjectNode schema = (ObjectNode) readJson(
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
        ModelRequest request = new ModelRequest(
                "Be brief.\n\nYou are an agent.",
                List.of(
                        ChatMessage.user("[Files uploaded to workspace]\n- uploads/a.csv\n\nSummarise it"),
                        ChatMessage.assistant("", List.of(new ToolCall("call_1", "read_file", args))),
                        ChatMessage.toolResult("call_1", "read_file", "1: a,b"),
                        ChatMessage.assistant(
                                "Reading more.",
                                List.of(new ToolCall("call_2", "list_files", MAPPER.createObjectNode()))),
                        ChatMessage.toolResult("call_2", "list_files", "uploads/"),
                        ChatMessage.assistant("It has two columns.", List.of()),
                        ChatMessage.user("Thanks")),
                List.of(new ToolSpec("read_file", "Reads a file", schema)));
        server.enqueue(ProviderStream.text("You're welcome.", 1, 1));
        model.next(request, sink);

        JsonNode body = requestBody();
        JsonNode expected = readJson("""
                [{"role":"system","content":"Be brief.\\n\\nYou are an agent."},
                 {"role":"user","content":"[Files uploaded to workspace]\\n- uploads/a.csv\\n\\nSummarise it"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"read_file","arguments":"{\\"path\\":\\"uploads/a.csv\\",\\"limit\\":10}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"1: a,b"},
                 {"role":"assistant","content":"Reading more.","tool_calls":[{"id":"call_2","type":"function",
                   "function":{"name":"list_files","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_2","content":"uploads/"},
                 {"role":"assistant","content":"It has two columns."},
                 {"role":"user","content":"Thanks"}]""");
        assertEquals(expected, body.get("messages"));
        assertEquals(
                readJson("[{\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"description\":"
                        + "\"Reads a file\",\"parameters\":" + schema + "}}]"),
                body.get("tools"));
        JsonNode arguments = readJson(body.get("messages")
                .get(2)
                .get("tool_calls")
                .get(0)
                .get("function")
                .get("arguments")
                .asText());
        assertEquals(args, arguments, "arguments travel as a JSON string of the object");
    }

    @Test
    void aToolCallSplitOverSeveralDeltasIsAssembledWithItsArguments() throws Exception {
        server.enqueue(ProviderStream.start()
                .toolCall(0, "call_Xk1", "write_file")
                .arguments(0, "{\"pa")
                .arguments(0, "th\": \"notes")
                .arguments(0, ".txt\", \"con")
                .arguments(0, "tent\": \"line one\\nline two\"}")
                .finish("tool_calls")
                .usage(40, 22)
                .done()
                .response());

        ModelTurn turn = model.next(ask("Write notes"), sink);

        assertEquals(1, turn.toolCalls().size());
        ToolCall call = turn.toolCalls().getFirst();
        assertEquals("call_Xk1", call.id());
        assertEquals("write_file", call.name());
        assertEquals(readJson("{\"path\":\"notes.txt\",\"content\":\"line one\\nline two\"}"), call.args());
        assertEquals("", turn.text());
        assertTrue(sink.pieces.isEmpty());
        assertEquals(40, turn.promptTokens());
        assertEquals(22, turn.completionTokens());
    }

    @Test
    void twoToolCallsInOneTurnKeepTheirOwnIdsNamesAndArgumentsEvenWhenInterleaved() throws Exception {
        server.enqueue(ProviderStream.start()
                .content("Looking.")
                .toolCall(0, "call_A", "list_files")
                .arguments(0, "{\"path\":")
                .toolCall(1, "call_B", "read_file")
                .arguments(1, "{\"path\":\"a.txt\"")
                .arguments(0, "\".\"}")
                .arguments(1, ",\"limit\":5}")
                .finish("tool_calls")
                .usage(5, 5)
                .done()
                .response());

        ModelTurn turn = model.next(ask("Look around"), sink);

        assertEquals("Looking.", turn.text());
        assertEquals(2, turn.toolCalls().size());
        assertEquals(
                new ToolCall("call_A", "list_files", (ObjectNode) readJson("{\"path\":\".\"}")),
                turn.toolCalls().get(0));
        assertEquals(
                new ToolCall("call_B", "read_file", (ObjectNode) readJson("{\"path\":\"a.txt\",\"limit\":5}")),
                turn.toolCalls().get(1));
    }

    @Test
    void reasoningDeltasBecomeThoughtsOneParagraphAtATimeBeforeTheText() throws Exception {
        server.enqueue(ProviderStream.start()
                .reasoningContent("**Planning")
                .reasoningContent("**\n\nThe user ")
                .reasoningContent("wants a greeting.\n\n")
                .reasoning("A short one ")
                .reasoning("will do.")
                .content("Hello!")
                .finish("stop")
                .usage(9, 30)
                .done()
                .response());

        ModelTurn turn = model.next(ask("Greet me"), sink);

        assertEquals(
                List.of(
                        new RecordingSink.Thought("Planning", "The user wants a greeting."),
                        new RecordingSink.Thought("Planning", "A short one will do.")),
                sink.thoughts);
        assertEquals("Hello!", turn.text());
        assertEquals(List.of("Hello!"), sink.pieces, "reasoning never leaks into the text");
    }

    @Test
    void aStreamWithoutDoneIsAcceptedOnceItHasAFinishReason() throws Exception {
        server.enqueue(new mockwebserver3.MockResponse.Builder()
                .code(200)
                .body(ProviderStream.start().content("Fine.").finish("stop").body())
                .build());

        assertEquals("Fine.", model.next(ask("Ok?"), sink).text());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void commentsAndBlankDataLinesBetweenChunksAreSkipped() throws Exception {
        String body = ": OPENROUTER PROCESSING\n\n"
                + ProviderStream.start().content("A").body() + "data: \n\n"
                + ProviderStream.start().content("B").finish("stop").done().body();
        server.enqueue(
                new mockwebserver3.MockResponse.Builder().code(200).body(body).build());

        assertEquals("AB", model.next(ask("Letters"), sink).text());
    }
}
