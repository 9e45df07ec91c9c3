package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.ServerLog;
import dev.agentd.support.Sse;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The provider's API key goes to the provider and nowhere else: not to disk, events or logs. */
@Timeout(60)
class OpenAiSecretTest {
    static final String KEY = "sk-test-secret";

    @TempDir
    Path dir;

    @Test
    void theApiKeyIsInNoFileOfTheDataDirNoEventAndNoLogLine() throws Exception {
        ServerLog log = ServerLog.mark();
        List<String> eventLines = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        try (MockWebServer provider = new MockWebServer()) {
            provider.start();
            TestServer server = TestServer.start(
                    dir,
                    Map.of(
                            "AGENTD_MODEL",
                            "openai:test-model",
                            "OPENAI_BASE_URL",
                            provider.url("/v1").toString(),
                            "OPENAI_API_KEY",
                            KEY));
            try {
                provider.enqueue(ProviderStream.start()
                        .reasoningContent("Listing first.")
                        .toolCall(0, "call_1", "list_files")
                        .arguments(0, "{\"path\":\".\"}")
                        .finish("tool_calls")
                        .usage(10, 5)
                        .done()
                        .response());
                provider.enqueue(ProviderStream.text("All listed.", 20, 3));
                String listed = server.newTask("List my files");
                eventLines.addAll(lines(server, listed));

                provider.enqueue(new MockResponse.Builder(ProviderStream.error(429, "Slow down"))
                        .setHeader("Retry-After", "0")
                        .build());
                provider.enqueue(ProviderStream.text("Here now.", 5, 2));
                eventLines.addAll(lines(server, server.newTask("Hello")));

                // A provider (or proxy) that echoes the key back: the message must not carry it on.
                provider.enqueue(ProviderStream.error(401, "Incorrect API key provided: " + KEY));
                String rejected = server.newTask("Hello again");
                List<String> rejectedLines = lines(server, rejected);
                eventLines.addAll(rejectedLines);
                assertTrue(
                        String.join("\n", rejectedLines).contains("Incorrect API key provided: [redacted]"),
                        "the echoing provider was not exercised: " + rejectedLines);

                for (String id : List.of(listed, rejected)) {
                    replies.add(server.get("/api/v1/tasks/" + id).body());
                    replies.add(server.get("/api/v1/tasks/" + id + "/history").body());
                }
                replies.add(server.startupOutput());

                RecordedRequest first = provider.takeRequest(5, TimeUnit.SECONDS);
                assertEquals("Bearer " + KEY, first.getHeaders().get("Authorization"), "the key was not even used");
                assertKeyInNoFile(dir);
            } finally {
                server.close();
            }
            assertKeyInNoFile(dir);
        }

        assertTrue(eventLines.stream().anyMatch(l -> l.contains("retrying")), "no retry happened: " + eventLines);
        for (String line : eventLines) assertFalse(line.contains(KEY), "an event carries the key: " + line);
        for (String reply : replies) assertFalse(reply.contains(KEY), "a reply carries the key: " + reply);
        String logged = log.since();
        assertTrue(logged.contains("retrying"), "the log was not captured: " + logged);
        assertFalse(logged.contains(KEY), "the log carries the key: " + logged);
    }

    static List<String> lines(TestServer server, String taskId) {
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + taskId + "/stream?after=0").build())) {
            List<Sse.Frame> frames = sse.events();
            assertTrue(frames.getLast().terminal(), frames.toString());
            return frames.stream().flatMap(f -> f.lines().stream()).toList();
        }
    }

    /** Every byte of every file under {@code root}: the database, its WAL, workspaces, anything. */
    static void assertKeyInNoFile(Path root) throws IOException {
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        if (!TestDatabases.postgres())
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("agentd.db")), files.toString());
        for (Path file : files) {
            assertFalse(contains(Files.readAllBytes(file), key), "the key is in " + file);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Writes to the real stderr and keeps a copy. */
}
