package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.RunThroughput;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import dev.agentd.bench.tools.Wrk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Completed runs per second with 50 clients, against the raw Jetty rate of the same request pairs. */
final class ThroughputFigures {
    private static final int CLIENTS = 50;
    private static final Duration WARMUP = Duration.ofSeconds(4);
    private static final Duration ROUND = Duration.ofSeconds(8);

    private ThroughputFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        List<Double> agentd = new ArrayList<>();
        int failed = 0;
        String wrk = "";
        long warm;
        try (ServerProcess server =
                bench.serveAgentd("throughput", bench.dataDir("throughput"), Map.of(), Heap.UNDER_LOAD)) {
            Endpoint endpoint = bench.endpoint(server);
            warm = WarmUp.runs(endpoint);
            for (int r = 0; r < bench.rounds(); r++) {
                RunThroughput.Result result = RunThroughput.measure(endpoint, CLIENTS, ROUND, Integer.MAX_VALUE);
                agentd.add(result.perSecond());
                failed += result.failed();
                System.out.printf(
                        "  agentd run %d: %.0f runs/s, %d failed%n", r + 1, result.perSecond(), result.failed());
            }
            if (Wrk.available()) {
                wrk += String.format(
                        Locale.ROOT,
                        "; wrk, GET /health, 50 connections: agentd %,.0f req/s",
                        Wrk.requestsPerSecond("http://127.0.0.1:" + server.port() + "/health", CLIENTS, 5));
            }
        }
        List<Double> raw = new ArrayList<>();
        try (ServerProcess server = bench.serveRawJetty(Heap.UNDER_LOAD)) {
            Endpoint endpoint = bench.endpoint(server);
            RunThroughput.measure(endpoint, CLIENTS, WARMUP, Integer.MAX_VALUE);
            for (int r = 0; r < bench.rounds(); r++) {
                raw.add(RunThroughput.measure(endpoint, CLIENTS, ROUND, Integer.MAX_VALUE)
                        .perSecond());
            }
            if (Wrk.available()) {
                wrk += String.format(
                        Locale.ROOT,
                        ", raw Jetty %,.0f req/s",
                        Wrk.requestsPerSecond("http://127.0.0.1:" + server.port() + "/", CLIENTS, 5));
            }
        }
        Spread value = Spread.of(agentd);
        String note =
                CLIENTS + " clients, " + ROUND.toSeconds() + " s per run after " + warm + " s of warm-up (raw Jetty: "
                        + WARMUP.toSeconds() + " s); " + failed + " runs failed or answered wrong" + wrk;
        return List.of(new Figure(
                "completed runs per second, 50 clients",
                "runs/s",
                value,
                "raw Jetty: the same request pairs",
                Spread.of(raw),
                "≥ 1,000 runs/s",
                value.median() >= 1000 && failed == 0,
                note));
    }
}
