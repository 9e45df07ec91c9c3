package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Completed runs per second: {@code clients} clients, each creating a task and streaming it until the server closes. */
public final class RunThroughput {
    /** Runs that completed with the right answer, failures, and the time from the first request to the last close. */
    public record Result(int completed, int failed, long elapsedNanos) {
        public double perSecond() {
            return completed / (elapsedNanos / 1e9);
        }
    }

    private RunThroughput() {}

    /**
     * Each client stops starting runs at {@code duration} or after {@code maxRunsPerClient}, whichever
     * comes first, and finishes the run it is in.
     */
    public static Result measure(Endpoint endpoint, int clients, Duration duration, int maxRunsPerClient)
            throws InterruptedException {
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                try (ApiClient client = endpoint.client(duration.plusSeconds(30))) {
                    for (int i = 0; i < maxRunsPerClient && System.nanoTime() < deadline; i++) {
                        try {
                            FollowedRun run = FollowedRun.of(client, CreateToDone.QUESTION);
                            (run.answered(CreateToDone.ANSWER) ? completed : failed).incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        return new Result(completed.get(), failed.get(), System.nanoTime() - start);
    }
}
