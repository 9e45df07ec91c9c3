package dev.agentd.bench.scenarios;

import dev.agentd.bench.http.ApiClient;
import dev.agentd.bench.stats.Samples;
import java.io.IOException;
import java.time.Duration;

/** create → done latency, one client, one run at a time. */
public final class CreateToDone {
    public static final String QUESTION = "What is 2+2?";
    public static final String ANSWER = "2+2 equals 4.";

    /** What one round measured: latencies of the runs answered right, and how each ended. */
    public record Result(Samples latency, int live, int replayed, int wrong) {}

    private CreateToDone() {}

    /** {@code runs} runs, or as many as fit in {@code maxTime}, after {@code warmup} unmeasured ones. */
    public static Result measure(Endpoint endpoint, int warmup, int runs, Duration maxTime) throws IOException {
        return measure(endpoint, endpoint, warmup, runs, maxTime);
    }

    /** Each task created at {@code creator} and streamed from {@code follower}. */
    public static Result measure(Endpoint creator, Endpoint follower, int warmup, int runs, Duration maxTime)
            throws IOException {
        Samples latency = new Samples();
        int live = 0;
        int replayed = 0;
        int wrong = 0;
        long deadline = System.nanoTime() + maxTime.toNanos();
        try (ApiClient creating = creator.client(maxTime.plusSeconds(30));
                ApiClient following = follower == creator ? creating : follower.client(maxTime.plusSeconds(30))) {
            for (int i = 0; i < warmup + runs && System.nanoTime() < deadline; i++) {
                FollowedRun run = FollowedRun.of(creating, following, QUESTION);
                if (i < warmup) continue;
                if (!run.answered(ANSWER)) {
                    wrong++;
                    continue;
                }
                latency.add(run.latencyNanos());
                if (run.live()) live++;
                else replayed++;
            }
        }
        return new Result(latency, live, replayed, wrong);
    }
}
