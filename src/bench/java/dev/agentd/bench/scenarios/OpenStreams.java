package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import dev.agentd.bench.stats.Samples;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many streams open on one server at once, over runs that stay active (a slow model), each
 * recording when its heartbeats arrive. Streams are opened {@code connecting} at a time; once all
 * are open, a hold window measures the heartbeat gaps of every stream.
 */
public final class OpenStreams implements AutoCloseable {
    /** One stream's heartbeat arrival times. */
    private static final class Beats {
        final long[] at = new long[4096];
        volatile int count;
        volatile boolean ended;
    }

    /**
     * Streams that reached live mode, streams still open after the hold, streams whose every gap was
     * within the tolerance, and the heartbeat gaps seen in the hold (the first one counted from its start).
     */
    public record Result(int opened, int heldOpen, int onTime, Samples gaps, long openNanos) {}

    private final List<Beats> beats = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Creates {@code tasks} tasks and opens {@code perTask} streams on each; waits until all are live.
     * Every stream ends by itself after {@code lifetime}.
     */
    public int open(Endpoint endpoint, int tasks, int perTask, int connecting, Duration timeout, Duration lifetime)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        try (ApiClient client = endpoint.client(lifetime)) {
            for (int t = 0; t < tasks; t++) ids.add(client.create(CreateToDone.QUESTION));
        }
        CountDownLatch live = new CountDownLatch(tasks * perTask);
        Semaphore gate = new Semaphore(connecting);
        AtomicInteger opened = new AtomicInteger();
        for (int s = 0; s < tasks * perTask; s++) {
            String id = ids.get(s % tasks);
            Beats b = new Beats();
            beats.add(b);
            gate.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                boolean[] released = {false};
                try (ApiClient client = endpoint.client(lifetime)) {
                    client.stream(id, null, f -> {
                        if (f.is("history_done")) {
                            if (f.data().contains("\"isStreaming\":true")) opened.incrementAndGet();
                            live.countDown();
                            released[0] = true;
                            gate.release();
                        } else if (f.isComment() && b.count < b.at.length) {
                            b.at[b.count] = System.nanoTime();
                            b.count = b.count + 1;
                        }
                        return true;
                    });
                } catch (IOException e) {
                    // the stream ended early; counted as not held
                } finally {
                    b.ended = true;
                    if (!released[0]) {
                        live.countDown();
                        gate.release();
                    }
                }
            }));
        }
        if (!live.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("streams did not open within " + timeout);
        }
        return opened.get();
    }

    /** Holds every stream open for {@code hold} and judges its heartbeats against {@code period} + {@code tolerance}. */
    public Result hold(int opened, Duration hold, Duration period, Duration tolerance, long openNanos)
            throws InterruptedException {
        long from = System.nanoTime();
        Thread.sleep(hold);
        long to = System.nanoTime();
        Samples gaps = new Samples();
        int heldOpen = 0;
        int onTime = 0;
        long allowed = period.toNanos() + tolerance.toNanos();
        for (Beats b : beats) {
            if (b.ended) continue;
            heldOpen++;
            long previous = from;
            long worst = 0;
            int n = b.count;
            for (int i = 0; i < n; i++) {
                long t = b.at[i];
                if (t < from || t > to) continue;
                gaps.add(t - previous);
                worst = Math.max(worst, t - previous);
                previous = t;
            }
            worst = Math.max(worst, to - previous);
            if (worst <= allowed) onTime++;
        }
        return new Result(opened, heldOpen, onTime, gaps, openNanos);
    }

    @Override
    public void close() {
        for (Thread t : threads) t.interrupt();
    }
}
