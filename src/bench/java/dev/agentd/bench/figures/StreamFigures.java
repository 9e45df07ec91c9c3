package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.OpenStreams;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 10,000 streams open at once on one server with a 512 MB heap, heartbeats every second: how many
 * stay open with every heartbeat on time, over several hold windows.
 */
final class StreamFigures {
    private static final int TASKS = 100;
    private static final int PER_TASK = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration TOLERANCE = Duration.ofMillis(500);
    private static final Duration HOLD = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private StreamFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        Map<String, String> env = Map.of("AGENTD_HEARTBEAT", "1s", "AGENTD_BUILTIN_DELAY_MS", "3600000");
        List<Double> onTime = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        double heapMb;
        double rssMb;
        int opened;
        double openSeconds;
        try (ServerProcess server = bench.serveAgentd("streams", bench.dataDir("streams"), env, Heap.UNDER_LOAD);
                OpenStreams streams = new OpenStreams()) {
            long t0 = System.nanoTime();
            opened = streams.open(
                    bench.endpoint(server), TASKS, PER_TASK, 200, Duration.ofMinutes(3), Duration.ofMinutes(10));
            openSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(SETTLE); // the last streams' replays finish before the first window
            for (int r = 0; r < bench.rounds(); r++) {
                OpenStreams.Result result = streams.hold(opened, HOLD, HEARTBEAT, TOLERANCE, 0);
                onTime.add((double) result.onTime());
                p99.add(result.gaps().percentileMs(99));
                max.add(result.gaps().percentileMs(100));
            }
            rssMb = server.rssKb() / 1024.0;
            heapMb = server.heapUsedAfterGcKb() / 1024.0;
        }
        Spread held = Spread.of(onTime);
        Spread gap99 = Spread.of(p99);
        String note = String.format(
                "%d tasks × %d streams, opened in %.1f s (%d reached live mode); -Xmx512m; "
                        + "per run a %d s window, a stream on time when no heartbeat gap exceeds %d ms; "
                        + "after the runs: heap in use after a full GC %.0f MB, RSS %.0f MB; heartbeat gap max %s ms",
                TASKS,
                PER_TASK,
                openSeconds,
                opened,
                HOLD.toSeconds(),
                HEARTBEAT.plus(TOLERANCE).toMillis(),
                heapMb,
                rssMb,
                Figure.spread(Spread.of(max), "").replace("  ", " "));
        boolean ok = held.min() >= TASKS * PER_TASK && heapMb <= 512;
        return List.of(
                new Figure(
                        "open streams, every heartbeat on time (1 s)",
                        "streams",
                        held,
                        "—",
                        null,
                        "≥ 10,000, heap ≤ 512 MB",
                        ok,
                        note),
                new Figure(
                        "heartbeat gap p99 with 10,000 streams",
                        "ms",
                        gap99,
                        "—",
                        null,
                        "≤ 1,500 ms (on time)",
                        gap99.max() <= HEARTBEAT.plus(TOLERANCE).toMillis(),
                        ""));
    }
}
