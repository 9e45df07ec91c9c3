package dev.agentd.model.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agentd on {@code anthropic:claude-test}, its provider a stand-in, driven over HTTP. */
class AnthropicEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aRunWithThinkingTwoParallelToolCallsAndARetriedOverloadStreamsAsEveryRunDoes() throws Exception {
        try (MockWebServer provider = new MockWebServer()) {
            provider.start();
            provider.enqueue(AnthropicStream.failure(529, "overloaded_error", "Overloaded"));
            provider.enqueue(AnthropicStream.start(30, 0)
                    .thinking("Two files to write.")
                    .toolUse("toolu_a", "write_file", "{\"path\": \"a.txt\", ", "\"content\": \"A\"}")
                    .toolUse("toolu_b", "write_file", "{\"path\": \"b.txt\", \"content\": \"B\"}")
                    .stop("tool_use", 50)
                    .response());
            provider.enqueue(AnthropicStream.start(80, 30)
                    .text("Both ", "written.")
                    .stop("end_turn", 4)
                    .response());
            try (TestServer server = TestServer.start(
                    dir,
                    Map.of(
                            "AGENTD_MODEL", "anthropic:claude-test",
                            "ANTHROPIC_BASE_URL", provider.url("/").toString(),
                            "ANTHROPIC_API_KEY", "sk-ant-e2e-secret",
                            "AGENTD_MODEL_THINKING_TOKENS", "1024"))) {
                String id = server.newTask("write a.txt and b.txt");
                JsonNode task = server.awaitFinished(id);
                assertEquals("completed", task.get("status").asText(), task.toString());
                assertEquals("Both written.", task.get("output").get("content").asText());
                assertEquals("A", Files.readString(server.workspace(id).resolve("a.txt")));
                assertEquals("B", Files.readString(server.workspace(id).resolve("b.txt")));
                List<Sse.Frame> events = Sse.replay(server, id);
                List<String> names = events.stream().map(Sse.Frame::event).toList();
                assertTrue(
                        events.stream()
                                .anyMatch(f -> f.event().equals("status")
                                        && f.data().get("status").asText().equals("retrying")),
                        names.toString());
                assertTrue(names.contains("thought"), names.toString());
                assertEquals(
                        2, names.stream().filter(n -> n.equals("tool_result")).count(), names.toString());
                assertEquals("done", names.getLast());
                {
                    Jdbi db = TestDatabases.jdbi(dir);
                    Map<String, Object> run = db.withHandle(h -> h.createQuery(
                                    "SELECT prompt_tokens, completion_tokens, cached_tokens FROM runs WHERE task_id = ?")
                            .bind(0, id)
                            .mapToMap()
                            .one());
                    assertEquals(
                            140L, ((Number) run.get("prompt_tokens")).longValue(), "both turns, cache reads included");
                    assertEquals(54L, ((Number) run.get("completion_tokens")).longValue());
                    assertEquals(30L, ((Number) run.get("cached_tokens")).longValue(), "read from the prompt cache");
                }
            }
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertTrue(
                            !Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)
                                    .contains("sk-ant-e2e-secret"),
                            "the key is in " + f);
                }
            }
        }
    }
}
