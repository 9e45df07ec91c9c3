package dev.agentd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One key's long runs cannot keep another key waiting (AGENTD_MAX_CONCURRENT_RUNS_PER_KEY). */
class FairShareTest {
    @TempDir
    Path dir;

    @Test
    void aSecondKeyIsServedWhileTheFirstSaturatesItsShare() {
        try (TestServer server = TestServer.start(
                dir,
                Map.of(
                        "AGENTD_MAX_CONCURRENT_RUNS",
                        "4",
                        "AGENTD_MAX_CONCURRENT_RUNS_PER_KEY",
                        "2",
                        "AGENTD_SANDBOX",
                        "none"))) {
            List<String> long_ = new ArrayList<>();
            for (int i = 0; i < 6; i++) long_.add(server.newTask("run `sleep 4`"));
            server.awaitStatus(long_.get(0), "running");
            try (ApiClient other = server.as(server.createKey("other"))) {
                String quick = other.newTask("What is 2+2?");
                assertEquals(
                        "2+2 equals 4.",
                        other.awaitFinished(quick).get("output").get("content").asText());
            }
            int running = 0;
            int waiting = 0;
            for (String id : long_) {
                String status =
                        server.get("/api/v1/tasks/" + id).data().get("status").asText();
                if (status.equals("running")) running++;
                if (status.equals("pending")) waiting++;
            }
            assertEquals(2, running, "the first key holds only its share of the four slots");
            assertEquals(4, waiting, "and its other runs wait their turn");
            for (String id : long_)
                assertEquals("completed", server.awaitFinished(id).get("status").asText());
        }
    }
}
