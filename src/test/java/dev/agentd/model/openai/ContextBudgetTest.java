package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.ApiClient;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Conversations longer than the model's context window: what is sent is compacted, history keeps it all. */
@Timeout(180)
class ContextBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A provider that answers each request, telling summary requests apart, and keeps what it was sent. */
    static final class Provider extends Dispatcher {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<String> summaryRequests = new CopyOnWriteArrayList<>();
        final AtomicInteger summaries = new AtomicInteger();
        final AtomicBoolean refuseNext = new AtomicBoolean();
        /** Model turns that call a command before the answer, each in a run of one user message. */
        final AtomicInteger commandsLeft = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            JsonNode messages;
            try {
                messages = JSON.readTree(body).get("messages");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            if (messages.get(0).get("content").asText().startsWith("You summarize")) {
                summaryRequests.add(messages.get(1).get("content").asText());
                return ProviderStream.text(
                        "Summary " + summaries.incrementAndGet() + ": the user listed items.", 50, 9);
            }
            bodies.add(body);
            if (refuseNext.getAndSet(false)) {
                return ProviderStream.error(
                        400,
                        "This model's maximum context length is 3000 tokens, "
                                + "however you requested 3400 tokens (context_length_exceeded)");
            }
            if (commandsLeft.getAndDecrement() > 0) {
                return ProviderStream.start()
                        .toolCall(0, "call_" + commandsLeft.get(), "run_command")
                        .arguments(0, "{\"command\": \"head -c 3000 /dev/zero | tr '\\\\0' x\"}")
                        .finish("tool_calls")
                        .usage(body.length() / 4, 10)
                        .done()
                        .response();
            }
            String last = messages.get(messages.size() - 1).get("content").asText();
            return ProviderStream.text("Noted: " + last.replace("Remember ", "") + ".", body.length() / 4, 6);
        }
    }

    static TestServer start(Path dir, MockWebServer provider) {
        return TestServer.start(
                dir,
                Map.of(
                        "AGENTD_MODEL", "openai:small-context",
                        "OPENAI_BASE_URL", provider.url("/v1").toString(),
                        "OPENAI_API_KEY", "sk-test",
                        "AGENTD_MODEL_CONTEXT_TOKENS", "3000",
                        "AGENTD_MODEL_MAX_TOKENS", "500"));
    }

    static void say(TestServer server, String id, String message, int messages) {
        ApiClient.Reply r =
                server.postJson("/api/v1/tasks/" + id + "/messages", TestServer.jsonOf(Map.of("message", message)));
        assertEquals(202, r.status(), r.body());
        server.awaitMessages(id, messages);
    }

    @Test
    void twoHundredFollowUpsKeepWorkingWithBoundedRequestsAndEachSummaryMadeOnce() throws Exception {
        Provider answers = new Provider();
        try (MockWebServer provider = new MockWebServer()) {
            provider.setDispatcher(answers);
            provider.start();
            try (TestServer server = start(dir, provider)) {
                String id = server.newTask("Remember item 0: a red box");
                server.awaitFinished(id);
                for (int i = 1; i <= 200; i++)
                    say(server, id, "Remember item " + i + ": a box of size " + i, 2 * i + 2);

                JsonNode history = server.get("/api/v1/tasks/" + id + "/history?limit=500")
                        .data()
                        .get("messages");
                assertEquals(402, history.size(), "history keeps every message");
                assertEquals(
                        "completed",
                        server.get("/api/v1/tasks/" + id).data().get("status").asText());
                assertEquals(
                        "Noted: item 200: a box of size 200.",
                        history.get(401).get("content").asText());

                int longest =
                        answers.bodies.stream().mapToInt(String::length).max().orElseThrow();
                assertTrue(longest < 3000 * 3 * 2, "no request outgrows the window: " + longest + " characters");
                String last = answers.bodies.getLast();
                assertTrue(last.contains("Remember item 0: a red box"), "the first user message is always sent");
                assertTrue(last.contains("Remember item 200"), "and the latest");
                assertTrue(last.contains("[Summary of the earlier conversation]"), "the middle is a summary");
                assertTrue(!last.contains("Remember item 100:"), "an old turn is not sent again");

                int made = answers.summaries.get();
                assertTrue(made >= 2 && made <= 40, made + " summaries for 200 follow-ups");
                for (int n = 1; n < made; n++) {
                    String kept = "Summary " + n + ":";
                    long sentWith = answers.bodies.stream()
                            .filter(b -> b.contains(kept))
                            .count();
                    assertTrue(sentWith > 1, "summary " + n + " is made once and sent with the requests after it");
                    assertTrue(answers.summaryRequests.get(n).contains(kept), "the next builds on it");
                }
                assertTrue(Sse.replay(server, id).stream()
                        .anyMatch(f -> f.event().equals("status")
                                && f.data().get("message").asText().startsWith("Compacting the conversation")));
            }
        }
    }

    @Test
    void aContextLengthErrorIsRecoveredByOneCompactionAndARetry() throws Exception {
        Provider answers = new Provider();
        try (MockWebServer provider = new MockWebServer()) {
            provider.setDispatcher(answers);
            provider.start();
            try (TestServer server = start(dir, provider)) {
                String id = server.newTask("Remember item 0: a red box");
                server.awaitFinished(id);
                for (int i = 1; i <= 5; i++) say(server, id, "Remember item " + i + ": a green box", 2 * i + 2);
                assertEquals(0, answers.summaries.get(), "a short conversation is sent whole");
                answers.refuseNext.set(true);
                say(server, id, "Remember item 6: a last box", 14);
                JsonNode task = server.awaitFinished(id);
                assertEquals("completed", task.get("status").asText(), task.toString());
                assertEquals(
                        "Noted: item 6: a last box.",
                        task.get("output").get("content").asText());
                assertEquals(1, answers.summaries.get(), "one compaction");
                assertTrue(answers.bodies.getLast().contains("[Summary of the earlier conversation]"));
            }
        }
    }

    @Test
    void aLongRunOfOneMessageIsCompactedBetweenItsModelTurns() throws Exception {
        Provider answers = new Provider();
        answers.commandsLeft.set(40);
        try (MockWebServer provider = new MockWebServer()) {
            provider.setDispatcher(answers);
            provider.start();
            try (TestServer server = start(dir, provider)) {
                String id = server.newTask("Remember item 1: run the command forty times");
                JsonNode task = server.awaitFinished(id);
                assertEquals("completed", task.get("status").asText(), task.toString());
                assertEquals(40, task.get("output").get("toolCalls").size(), "every call is kept in the output");
                assertTrue(answers.summaries.get() >= 1, "the run's own turns were summarized");
                int longest =
                        answers.bodies.stream().mapToInt(String::length).max().orElseThrow();
                assertTrue(longest < 3000 * 3 * 2, "no request outgrows the window: " + longest + " characters");
                assertTrue(answers.bodies.getLast().contains("Remember item 1: run the command forty times"));
            }
        }
    }
}
