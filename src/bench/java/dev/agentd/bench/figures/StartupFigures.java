package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.FollowedRun;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start to the first /health answer and idle resident memory, of the jar started as a user
 * starts it (no JVM options, a new data dir), against a bare Javalin hello-world from the same jar.
 */
final class StartupFigures {
    private static final int STARTS = 5;
    private static final Duration IDLE = Duration.ofSeconds(3);

    private StartupFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        List<Double> start = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> helloStart = new ArrayList<>();
        List<Double> helloRss = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            try (ServerProcess server = bench.startAgentd(
                    "startup",
                    bench.dataDir("startup"),
                    Map.of("AGENTD_BUILTIN_DELAY_MS", "0"),
                    Heap.AS_USERS_RUN_IT)) {
                start.add(server.awaitHealthy("/health", Duration.ofSeconds(60)).toNanos() / 1e9);
                Thread.sleep(IDLE);
                rss.add(server.rssKb() / 1024.0);
            }
            try (ServerProcess server = bench.startHelloJavalin("hello-javalin")) {
                helloStart.add(
                        server.awaitHealthy("/health", Duration.ofSeconds(60)).toNanos() / 1e9);
                Thread.sleep(IDLE);
                helloRss.add(server.rssKb() / 1024.0);
            }
        }
        List<Double> aotStart = aotStarts(bench);
        Spread s = Spread.of(start);
        Spread m = Spread.of(rss);
        Spread a = Spread.of(aotStart);
        return List.of(
                new Figure(
                        "cold start to first /health answer",
                        "s",
                        s,
                        "bare Javalin hello-world, same jar",
                        Spread.of(helloStart),
                        "< 1.5 s",
                        s.median() < 1.5,
                        STARTS + " starts, each on a new data dir (migrations run), `java -jar` without options; "
                                + "polled every millisecond from process start"),
                new Figure(
                        "idle RSS",
                        "MB",
                        m,
                        "bare Javalin hello-world, same jar",
                        Spread.of(helloRss),
                        "< 150 MB",
                        m.median() < 150,
                        "VmRSS " + IDLE.toSeconds() + " s after the first /health answer; MB = MiB here"),
                new Figure(
                        "cold start with the JDK's AOT cache",
                        "s",
                        a,
                        "bare Javalin hello-world, same jar (no cache)",
                        Spread.of(helloStart),
                        "< 1.5 s",
                        a.median() < 1.5,
                        "`java -XX:AOTCache=agentd.aot -jar`, the cache written by one training run of the same jar "
                                + "(-XX:AOTCacheOutput, 20 runs served, then SIGTERM); each start on a new data dir"));
    }

    /** Start-up with a JDK 25 AOT cache (classes loaded and linked ahead of time), made by one training run. */
    private static List<Double> aotStarts(Bench bench) throws Exception {
        Path cache = bench.work().resolve("agentd.aot");
        try (ServerProcess training = bench.startAgentd(
                "aot-training", bench.dataDir("aot-training"), Map.of(), List.of("-XX:AOTCacheOutput=" + cache))) {
            training.awaitHealthy("/health", Duration.ofSeconds(60));
            try (var client = bench.endpoint(training).client(Duration.ofMinutes(1))) {
                for (int i = 0; i < 20; i++) FollowedRun.of(client, "What is 2+2?");
            }
        }
        if (!Files.exists(cache)) throw new IOException("the training run wrote no AOT cache");
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            try (ServerProcess server = bench.startAgentd(
                    "startup-aot", bench.dataDir("startup-aot"), Map.of(), List.of("-XX:AOTCache=" + cache))) {
                starts.add(
                        server.awaitHealthy("/health", Duration.ofSeconds(60)).toNanos() / 1e9);
            }
        }
        return starts;
    }
}
