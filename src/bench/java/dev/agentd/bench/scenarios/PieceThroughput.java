package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streamed pieces persisted and delivered per second: {@code runs} concurrent runs of a long
 * general reply (one {@code content} event per word), each followed by a client that resumes from
 * seq 0, so that every piece reaches it as an event, from the log or live.
 */
public final class PieceThroughput {
    /**
     * Content events delivered to clients, runs whose {@code done} arrived, the tasks, and the time
     * from the first create to the last {@code done}.
     */
    public record Result(long pieces, int finished, List<String> taskIds, long elapsedNanos) {
        public double perSecond() {
            return pieces / (elapsedNanos / 1e9);
        }
    }

    private PieceThroughput() {}

    /** A message of {@code words} words; the built-in model quotes it back word by word. */
    public static String message(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++)
            sb.append(i == 0 ? "" : " ").append("word").append(i);
        return sb.toString();
    }

    public static Result measure(Endpoint endpoint, int runs, int words, Duration timeout) throws InterruptedException {
        String message = message(words);
        AtomicLong pieces = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int[] finished = {0};
        for (int r = 0; r < runs; r++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (ApiClient client = endpoint.client(timeout)) {
                    String id = client.create(message);
                    ids.add(id);
                    long[] mine = {0};
                    boolean[] done = {false};
                    client.stream(id, 0L, f -> {
                        if (f.is("content")) mine[0]++;
                        if (f.is("done")) {
                            done[0] = true;
                            lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        }
                        return !done[0] && System.nanoTime() < deadline;
                    });
                    pieces.addAndGet(mine[0]);
                    if (done[0]) {
                        synchronized (finished) {
                            finished[0]++;
                        }
                    }
                } catch (IOException e) {
                    // counted as not finished
                }
            }));
        }
        for (Thread t : threads) t.join();
        return new Result(pieces.get(), finished[0], List.copyOf(ids), lastDone.get() - start);
    }
}
