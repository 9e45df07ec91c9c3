package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.RunThroughput;
import java.time.Duration;

/**
 * Brings a fresh server to its steady state before anything is measured: on two cores the JIT
 * compilers compete with the server for the CPU for the better part of a minute (measured: 215,
 * 333, 390, 468, 496, 514 runs/s in six 8 s runs of one fresh server), so a figure taken earlier
 * measures the compiler. Load of 50 clients in 5 s slices until a slice is less than 3 % faster
 * than the best before it (after at least 30 s), for at most 90 s.
 */
final class WarmUp {
    private static final Duration SLICE = Duration.ofSeconds(5);
    private static final int MAX_SLICES = 18;

    private WarmUp() {}

    /** The number of seconds spent. */
    static long runs(Endpoint endpoint) throws InterruptedException {
        long t0 = System.nanoTime();
        double previous = 0;
        for (int i = 0; i < MAX_SLICES; i++) {
            double rate = RunThroughput.measure(endpoint, 50, SLICE, Integer.MAX_VALUE)
                    .perSecond();
            if (i >= 5 && rate < previous * 1.03) break;
            previous = Math.max(previous, rate);
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        System.out.printf("  warmed up in %d s (last %.0f runs/s)%n", seconds, previous);
        return seconds;
    }
}
