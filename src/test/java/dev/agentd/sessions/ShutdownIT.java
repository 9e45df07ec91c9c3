package dev.agentd.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.support.Sse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: runs get the grace period, streams get their terminal event and close, nothing stays running. */
class ShutdownIT {
    @TempDir
    Path dir;

    @Test
    void sigtermLetsShortRunsFinishAndEndsLongOnesAsInterrupted() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String shortRun;
        String longRun;
        CompletableFuture<List<Sse.Frame>> shortStream = new CompletableFuture<>();
        CompletableFuture<List<Sse.Frame>> longStream = new CompletableFuture<>();
        try (JarProcess agentd =
                JarProcess.start(data, Map.of("AGENTD_BUILTIN_DELAY_MS", "100", "AGENTD_SHUTDOWN_GRACE", "1500ms"))) {
            ApiClient api = agentd.client();
            longRun = api.newTask("This answer is far too long to finish within the grace period of the shutdown, "
                    + "because every single word takes a tenth of a second to arrive, and there are many of them");
            shortRun = api.newTask("What is 3+3?");
            Thread.ofVirtual().start(() -> read(api, shortRun, shortStream));
            Thread.ofVirtual().start(() -> read(api, longRun, longStream));
            api.awaitContent(longRun, "You said:");
            assertEquals(
                    143, agentd.terminate(), "the JVM exits on SIGTERM after its shutdown hook\n" + agentd.output());
            assertTrue(agentd.output().contains("shutting down"), agentd.output());
        }
        assertEquals("done", shortStream.get().getLast().event(), "the short run finished within the grace period");
        List<Sse.Frame> cut = longStream.get();
        assertEquals("error", cut.getLast().event(), "the stream got the terminal event before the server closed it");
        assertEquals("INTERRUPTED", cut.getLast().data().get("code").asText());

        try (JarProcess again = JarProcess.start(data, Map.of())) {
            ApiClient api = again.client();
            JsonNode task = api.get("/api/v1/tasks/" + longRun).data();
            assertEquals("failed", task.get("status").asText());
            assertEquals("INTERRUPTED", task.get("errorCode").asText());
            assertEquals(
                    "3+3 equals 6.",
                    api.get("/api/v1/tasks/" + shortRun)
                            .data()
                            .get("output")
                            .get("content")
                            .asText());
            try (Sse sse = Sse.open(
                    api,
                    api.request("/api/v1/tasks/" + longRun + "/stream?after=0").build())) {
                assertEquals(
                        1, sse.events().stream().filter(Sse.Frame::terminal).count(), "exactly one terminal event");
            }
        }
    }

    private static void read(ApiClient api, String id, CompletableFuture<List<Sse.Frame>> into) {
        try (Sse sse = Sse.open(api, id)) {
            List<Sse.Frame> frames = new ArrayList<>(sse.events());
            into.complete(frames);
        } catch (RuntimeException e) {
            into.completeExceptionally(e);
        }
    }
}
