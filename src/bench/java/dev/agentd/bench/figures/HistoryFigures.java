package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.LongHistory;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** GET history and stream replay of a 10,000-message task, against plain JDBC reads of its rows. */
final class HistoryFigures {
    private static final int MESSAGES = 10_000;
    private static final int READS = 10;

    private HistoryFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        Path data = bench.dataDir("history");
        Path db = Bench.database(data);
        List<Double> get = new ArrayList<>();
        List<Double> replay = new ArrayList<>();
        List<Double> jdbc = new ArrayList<>();
        long seedMs;
        try (ServerProcess server = bench.serveAgentd("history", data, Map.of(), Heap.UNDER_LOAD)) {
            Endpoint endpoint = bench.endpoint(server);
            long t0 = System.nanoTime();
            String id = LongHistory.seed(endpoint, db, MESSAGES, Duration.ofMinutes(5));
            seedMs = (System.nanoTime() - t0) / 1_000_000;
            LongHistory.getHistory(endpoint, id, 3);
            LongHistory.replay(endpoint, id, MESSAGES, 3);
            LongHistory.plainJdbc(db, id, MESSAGES, 3);
            for (int r = 0; r < bench.rounds(); r++) {
                get.add(LongHistory.getHistory(endpoint, id, READS).percentileMs(50));
                replay.add(LongHistory.replay(endpoint, id, MESSAGES, READS).percentileMs(50));
                jdbc.add(LongHistory.plainJdbc(db, id, MESSAGES, READS).percentileMs(50));
            }
        }
        Spread getSpread = Spread.of(get);
        Spread replaySpread = Spread.of(replay);
        Spread limit = Spread.of(jdbc);
        String note = "p50 of " + READS + " reads per run; the task was built through the API (" + (MESSAGES / 2)
                + " runs: a create and queued follow-ups, " + seedMs + " ms); JDBC reads every column of the same rows "
                + "from the server's database file";
        return List.of(
                new Figure(
                        "GET history, 10,000 messages, p50",
                        "ms",
                        getSpread,
                        "plain JDBC read of the rows, p50",
                        limit,
                        "< 50 ms",
                        getSpread.median() < 50,
                        note),
                new Figure(
                        "stream replay, 10,000 messages, p50",
                        "ms",
                        replaySpread,
                        "plain JDBC read of the rows, p50",
                        limit,
                        "< 50 ms",
                        replaySpread.median() < 50,
                        "to the server's close; every replay counted 10,000 history_message events"));
    }
}
