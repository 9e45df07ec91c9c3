package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.HttpConnection;
import dev.agentd.bench.http.HttpInput;
import dev.agentd.bench.http.Response;
import dev.agentd.bench.stats.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The limit beside {@link PieceLatency}: the stand-in provider's stream read directly, with no agentd
 * in between, at the same concurrency; each stamped piece's latency from send to arrival.
 */
public final class ProviderDirect {
    private static final byte[] BODY =
            "{\"model\":\"paced\",\"stream\":true,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

    private ProviderDirect() {}

    public static Samples measure(int port, int concurrent, Duration timeout) throws InterruptedException {
        Samples latency = new Samples();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < concurrent; r++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                    c.deadline(System.nanoTime() + timeout.toNanos());
                    Response response = c.send(
                            "POST",
                            "/v1/chat/completions",
                            Map.of("Content-Type", "application/json"),
                            BODY.length,
                            out -> out.write(BODY));
                    HttpInput lines = response.lines();
                    for (String line = lines.line();
                            line != null && !line.equals("data: [DONE]");
                            line = lines.line()) {
                        int at = line.indexOf("\"content\":\"");
                        if (at < 0) continue;
                        long now = PieceLatency.epochMicros();
                        String text = line.substring(at + 11, line.indexOf('"', at + 11));
                        int stamp = text.indexOf('@');
                        if (stamp >= 0)
                            latency.add((now
                                            - Long.parseLong(
                                                    text.substring(stamp + 1).strip()))
                                    * 1000);
                    }
                } catch (IOException e) {
                    // a lost run lowers the count, which the report shows
                }
            }));
        }
        for (Thread t : threads) t.join();
        return latency;
    }
}
