package dev.agentd.bench.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenStreamsTest {
    @TempDir
    Path dir;

    @Test
    void everyStreamOpenedOnASlowRunIsCountedLiveAndStillOpenAfterTheHold() throws Exception {
        Map<String, String> env =
                Map.of("AGENTD_BUILTIN_DELAY_MS", "60000", "AGENTD_HEARTBEAT", "200ms", "AGENTD_SHUTDOWN_GRACE", "0s");
        try (TestServer server = TestServer.start(dir, env);
                OpenStreams streams = new OpenStreams()) {
            Endpoint endpoint = new Endpoint("127.0.0.1", server.port(), ApiClient.KEY);
            int opened = streams.open(endpoint, 2, 3, 2, Duration.ofSeconds(30), Duration.ofMinutes(1));
            assertEquals(6, opened);
            OpenStreams.Result result =
                    streams.hold(opened, Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(100), 0);
            assertEquals(6, result.opened());
            assertEquals(6, result.heldOpen());
        }
    }
}
