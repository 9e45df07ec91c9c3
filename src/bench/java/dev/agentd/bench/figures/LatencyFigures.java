package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.CreateToDone;
import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** create → done latency of "What is 2+2?", one client, against the raw Jetty round trips of the same two requests. */
final class LatencyFigures {
    private static final int WARMUP = 500;
    private static final int RUNS = 300;

    private LatencyFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        Rounds agentd;
        long warm;
        try (ServerProcess server = bench.serveAgentd("latency", bench.dataDir("latency"), Map.of(), Heap.UNDER_LOAD)) {
            warm = WarmUp.runs(bench.endpoint(server));
            agentd = rounds(bench, bench.endpoint(server));
        }
        Rounds raw;
        try (ServerProcess server = bench.serveRawJetty(Heap.UNDER_LOAD)) {
            raw = rounds(bench, bench.endpoint(server));
        }
        String note =
                "one client; per run " + RUNS + " create+stream pairs, after " + warm + " s of 50-client load and "
                        + WARMUP + " single-client warm-up pairs; "
                        + agentd.live + " runs ended by a live done event, " + agentd.replayed
                        + " had finished before their stream opened (history_done isStreaming:false); " + agentd.wrong
                        + " wrong answers";
        Spread p50 = Spread.of(agentd.p50);
        Spread p99 = Spread.of(agentd.p99);
        return List.of(
                new Figure(
                        "create → done p50",
                        "ms",
                        p50,
                        "raw Jetty: the same two requests, p50",
                        Spread.of(raw.p50),
                        "< 5 ms",
                        p50.median() < 5 && agentd.wrong == 0,
                        note),
                new Figure(
                        "create → done p99",
                        "ms",
                        p99,
                        "raw Jetty: the same two requests, p99",
                        Spread.of(raw.p99),
                        "< 20 ms",
                        p99.median() < 20 && agentd.wrong == 0,
                        ""));
    }

    private record Rounds(List<Double> p50, List<Double> p99, int live, int replayed, int wrong) {}

    private static Rounds rounds(Bench bench, Endpoint endpoint) throws Exception {
        CreateToDone.measure(endpoint, WARMUP, 0, Duration.ofSeconds(60));
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        int live = 0;
        int replayed = 0;
        int wrong = 0;
        for (int r = 0; r < bench.rounds(); r++) {
            CreateToDone.Result result = CreateToDone.measure(endpoint, 0, RUNS, Duration.ofSeconds(60));
            p50.add(result.latency().percentileMs(50));
            p99.add(result.latency().percentileMs(99));
            live += result.live();
            replayed += result.replayed();
            wrong += result.wrong();
        }
        return new Rounds(p50, p99, live, replayed, wrong);
    }
}
