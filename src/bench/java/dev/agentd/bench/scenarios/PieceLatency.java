package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import dev.agentd.bench.stats.Samples;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The latency each streamed piece adds: {@code concurrent} runs at once, each client streaming its
 * run from the start, and for every content piece the time from when the model handed it over (as
 * {@link Stamp} tells from the piece) to its arrival at the client.
 */
public final class PieceLatency {
    /** The handed-over time of a piece, as a latency in nanoseconds at its arrival; negative for pieces that carry none. */
    @FunctionalInterface
    public interface Stamp {
        long latencyNanos(String text, long arrivalNanos, long arrivalEpochMicros);
    }

    public record Result(Samples latency, int finished) {}

    private PieceLatency() {}

    /**
     * {@code message.apply(run)}: the message of each run. The runs start spread evenly over
     * {@code spread}, as runs of many users do, rather than in one instant.
     */
    public static Result measure(
            Endpoint endpoint,
            int concurrent,
            IntFunction<String> message,
            Stamp stamp,
            Duration spread,
            Duration timeout)
            throws InterruptedException {
        Samples latency = new Samples();
        AtomicInteger finished = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < concurrent; r++) {
            int run = r;
            long startAt = System.nanoTime() + spread.toNanos() * r / concurrent;
            threads.add(Thread.ofVirtual().start(() -> {
                try (ApiClient client = endpoint.client(timeout)) {
                    Thread.sleep(Duration.ofNanos(Math.max(0, startAt - System.nanoTime())));
                    String id = client.create(message.apply(run));
                    client.stream(id, null, f -> {
                        if (f.is("content")) {
                            long nanos = System.nanoTime();
                            long l = stamp.latencyNanos(textOf(f.data()), nanos, epochMicros());
                            if (l >= 0) latency.add(l);
                        }
                        if (f.is("done")) finished.incrementAndGet();
                        return !f.is("done") && !f.is("error");
                    });
                } catch (IOException e) {
                    // counted as not finished
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) t.join();
        return new Result(latency, finished.get());
    }

    public static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** The {@code text} of a content event's data, unescaped enough for the stamps (no quotes or backslashes in them). */
    static String textOf(String data) {
        int at = data.indexOf("\"text\":\"") + 8;
        int end = data.indexOf("\",\"isPartial\"", at);
        return end < 0 ? "" : data.substring(at, end);
    }
}
