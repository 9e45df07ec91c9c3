package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.PacedProvider;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No piece waits for a later one: each is on the stream before the provider sends the next. */
class PieceLatencyTest {
    @TempDir
    Path dir;

    private record Arrival(Sse.Frame frame, long nanos) {}

    @Test
    void eachPieceReachesTheStreamBeforeTheNextIsSentAndEachTurnsEndIsMarked() {
        try (PacedProvider provider = PacedProvider.start(0, 3, Duration.ofSeconds(1));
                TestServer server = TestServer.start(
                        dir,
                        Map.of(
                                "AGENTD_MODEL",
                                "openai:paced",
                                "OPENAI_BASE_URL",
                                provider.baseUrl(),
                                "AGENTD_SANDBOX",
                                "none"))) {
            String id = server.newTask("Say something slowly");
            List<Arrival> arrivals = new ArrayList<>();
            try (Sse sse = Sse.open(server, id)) {
                for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                    if (!f.isComment()) arrivals.add(new Arrival(f, System.nanoTime()));
                }
            }
            List<Arrival> pieces = arrivals.stream()
                    .filter(a -> a.frame().event().equals("content"))
                    .toList();
            List<Arrival> stamped = pieces.stream()
                    .filter(a ->
                            PacedProvider.stampOf(a.frame().data().get("text").asText()) >= 0)
                    .toList();
            assertEquals(6, stamped.size(), "two turns of three pieces: " + pieces);
            assertEquals(6, provider.sentNanos.size());
            for (int i = 0; i < 5; i++) {
                if (i == 2) continue; // the first turn's last piece: its successor is in the next turn
                assertTrue(
                        stamped.get(i).nanos() < provider.sentNanos.get(i + 1),
                        "piece " + i + " arrived only after piece " + (i + 1) + " was sent");
            }
            // each turn ends with isPartial:false, and only there
            List<Boolean> partial = pieces.stream()
                    .map(a -> a.frame().data().get("isPartial").asBoolean())
                    .toList();
            assertEquals(List.of(true, true, true, false, true, true, true, false), partial, pieces.toString());
            assertEquals("done", arrivals.getLast().frame().event());
        }
    }
}
