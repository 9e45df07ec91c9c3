package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.PieceThroughput;
import dev.agentd.bench.scenarios.RawInserts;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streamed pieces persisted and delivered per second with 100 concurrent runs, against plain
 * sqlite-jdbc batched inserts of as many rows of the same shape. Every round checks that the
 * pieces the clients counted are the pieces in the event log.
 */
final class PieceFigures {
    private static final int RUNS = 100;
    private static final int WORDS = 1000;
    private static final int RAW_BATCH = 1000;

    private PieceFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        Path data = bench.dataDir("pieces");
        List<Double> agentd = new ArrayList<>();
        long perRun = 0;
        try (ServerProcess server = bench.serveAgentd("pieces", data, Map.of(), Heap.UNDER_LOAD)) {
            Endpoint endpoint = bench.endpoint(server);
            WarmUp.runs(endpoint);
            PieceThroughput.measure(endpoint, RUNS, WORDS, Duration.ofSeconds(120));
            PieceThroughput.measure(endpoint, RUNS, WORDS, Duration.ofSeconds(120));
            for (int r = 0; r < bench.rounds(); r++) {
                PieceThroughput.Result result = PieceThroughput.measure(endpoint, RUNS, WORDS, Duration.ofSeconds(120));
                if (result.finished() != RUNS)
                    throw new IOException(result.finished() + " of " + RUNS + " runs finished");
                long persisted = persistedContent(Bench.database(data), result.taskIds());
                if (persisted != result.pieces()) {
                    throw new IOException("clients counted " + result.pieces() + " pieces, the log holds " + persisted);
                }
                agentd.add(result.perSecond());
                System.out.printf("  agentd run %d: %.0f pieces/s%n", r + 1, result.perSecond());
                perRun = result.pieces() / RUNS;
            }
        }
        List<Double> raw = new ArrayList<>();
        for (int r = 0; r < bench.rounds() + 1; r++) {
            double rate = RawInserts.rowsPerSecond(
                    bench.dataDir("raw-inserts").resolve("raw.db"), RUNS, (int) perRun, RAW_BATCH);
            if (r > 0) raw.add(rate); // the first warms the JIT
        }
        Spread value = Spread.of(agentd);
        Spread limit = Spread.of(raw);
        String note = RUNS + " concurrent runs of " + perRun + " content pieces each, each client resuming from seq 0 "
                + "(every piece arrives as an event) until done; counted pieces equal the log's content rows in every run; "
                + "raw: " + RAW_BATCH + " rows per transaction";
        return List.of(new Figure(
                "pieces persisted and delivered per second, 100 runs",
                "pieces/s",
                value,
                "raw sqlite-jdbc batched inserts",
                limit,
                "≥ 50 % of raw",
                value.median() >= 0.5 * limit.median(),
                note));
    }

    private static long persistedContent(Path database, List<String> taskIds) throws Exception {
        long total = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?mode=ro");
                PreparedStatement q = db.prepareStatement(
                        "SELECT count(*) FROM events WHERE task = (SELECT num FROM tasks WHERE id = ?) AND kind IN (3, 8, 9)")) {
            for (String id : taskIds) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }
}
