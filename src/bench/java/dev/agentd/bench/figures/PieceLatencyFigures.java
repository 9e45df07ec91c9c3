package dev.agentd.bench.figures;

import dev.agentd.App;
import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.PieceLatency;
import dev.agentd.bench.scenarios.ProviderDirect;
import dev.agentd.bench.scenarios.StampingModel;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Samples;
import dev.agentd.bench.stats.Spread;
import dev.agentd.config.ConfigLoader;
import dev.agentd.model.builtin.BuiltinModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latency each streamed piece adds between the model and the client (stream latency): a stand-in
 * OpenAI-compatible provider in its own process stamps each piece with its send time, and clients
 * of agentd read the stamps at 1, 10 and 50 concurrent runs, beside clients reading the provider
 * directly; then the built-in model, served in this process behind a model that notes when each
 * piece is handed over, so that hand-over and arrival are read from one clock.
 */
final class PieceLatencyFigures {
    private static final int PIECES = 20;
    /** Runs start spread over this, as a server's users start them, not all in one instant. */
    private static final Duration SPREAD = Duration.ofSeconds(1);

    private static final Duration GAP = Duration.ofMillis(50);
    private static final Duration LONG_GAP = Duration.ofMillis(500);
    private static final int[] CONCURRENCY = {1, 10, 50};
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private PieceLatencyFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (Duration gap : List.of(GAP, LONG_GAP)) {
            try (ServerProcess provider = bench.serveClass(
                            "paced-provider-" + gap.toMillis(),
                            "dev.agentd.support.PacedProvider",
                            List.of("-Xmx256m"),
                            "/health",
                            String.valueOf(PIECES),
                            String.valueOf(gap.toMillis()));
                    ServerProcess agentd = bench.serveAgentd(
                            "piece-latency-" + gap.toMillis(),
                            bench.dataDir("piece-latency"),
                            Map.of(
                                    "AGENTD_MODEL",
                                    "openai:paced",
                                    "OPENAI_BASE_URL",
                                    "http://127.0.0.1:" + provider.port() + "/v1",
                                    "AGENTD_SANDBOX",
                                    "none"),
                            Heap.UNDER_LOAD)) {
                Endpoint endpoint = bench.endpoint(agentd);
                PieceLatency.Stamp stamped = (text, nanos, micros) -> {
                    int at = text.indexOf('@');
                    return at < 0
                            ? -1
                            : (micros - Long.parseLong(text.substring(at + 1).strip())) * 1000;
                };
                PieceLatency.measure(endpoint, 10, r -> "warm up", stamped, SPREAD, TIMEOUT);
                for (int c : gap.equals(GAP) ? CONCURRENCY : new int[] {50}) {
                    Rounds agentdRounds = new Rounds();
                    Rounds direct = new Rounds();
                    for (int r = 0; r < bench.rounds(); r++) {
                        PieceLatency.Result result =
                                PieceLatency.measure(endpoint, c, run -> "Say it slowly", stamped, SPREAD, TIMEOUT);
                        agentdRounds.add(result.latency(), result.finished(), c);
                        direct.add(ProviderDirect.measure(provider.port(), c, TIMEOUT), c, c);
                    }
                    figures.addAll(agentdRounds.figures(
                            "stand-in provider, " + gap.toMillis() + " ms gap, " + c + " runs",
                            "the provider read directly",
                            direct,
                            c == 50,
                            PIECES * 2 + " stamped pieces per run (two model turns), runs started spread over "
                                    + SPREAD.toSeconds() + " s; " + agentdRounds.pieces + " pieces in all; "
                                    + agentdRounds.lost + " runs lost"));
                }
            }
        }
        figures.addAll(builtin(bench));
        return figures;
    }

    /** The built-in model in this process, at its default pace, behind a model that notes each hand-over. */
    private static List<Figure> builtin(Bench bench) throws Exception {
        List<Figure> figures = new ArrayList<>();
        Path data = bench.dataDir("piece-latency-builtin");
        var config = ConfigLoader.load(
                Map.of(
                        "AGENTD_HOST",
                        "127.0.0.1",
                        "AGENTD_PORT",
                        "0",
                        "AGENTD_DATA_DIR",
                        data.toString(),
                        "AGENTD_API_KEY",
                        bench.key(),
                        "AGENTD_SANDBOX",
                        "none"),
                new String[0]);
        StampingModel model =
                new StampingModel(new BuiltinModel(config.builtinFirstDelayMs(), config.builtinDelayMs()));
        try (App app = App.start(config, new PrintStream(OutputStream.nullOutputStream()), model)) {
            Endpoint endpoint = new Endpoint("127.0.0.1", app.port(), bench.key());
            PieceLatency.Stamp handedOver = (text, nanos, micros) -> {
                Long at = text.matches(".*r\\d+w\\d+.*") ? model.handedOver(text) : null;
                return at == null ? -1 : nanos - at;
            };
            PieceLatency.measure(endpoint, 10, PieceLatencyFigures::words, handedOver, SPREAD, TIMEOUT);
            for (int c : CONCURRENCY) {
                Rounds rounds = new Rounds();
                for (int r = 0; r < bench.rounds(); r++) {
                    PieceLatency.Result result =
                            PieceLatency.measure(endpoint, c, PieceLatencyFigures::words, handedOver, SPREAD, TIMEOUT);
                    rounds.add(result.latency(), result.finished(), c);
                }
                figures.addAll(rounds.figures(
                        "built-in model, " + c + " runs",
                        null,
                        null,
                        c == 50,
                        "from the model's hand-over to the client, at its default pace (300 ms, then 25 ms a word), "
                                + "runs started spread over " + SPREAD.toSeconds() + " s; "
                                + rounds.pieces + " pieces in all; " + rounds.lost + " runs lost"));
            }
        }
        return figures;
    }

    /** A message of 30 words unique to run {@code run}, which the built-in model quotes back word by word. */
    private static String words(int run) {
        StringBuilder sb = new StringBuilder();
        long salt = System.nanoTime() % 1_000_000;
        for (int i = 0; i < 30; i++)
            sb.append(i == 0 ? "" : " ")
                    .append("r")
                    .append(salt)
                    .append(run)
                    .append("w")
                    .append(i);
        return sb.toString();
    }

    /** p50, p99 and max of each round. */
    private static final class Rounds {
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p99 = new ArrayList<>();
        final List<Double> max = new ArrayList<>();
        long pieces;
        int lost;

        void add(Samples samples, int finished, int runs) {
            p50.add(samples.percentileMs(50));
            p99.add(samples.percentileMs(99));
            max.add(samples.percentileMs(100));
            pieces += samples.count();
            lost += runs - finished;
        }

        List<Figure> figures(String what, String limitName, Rounds limit, boolean targeted, String note) {
            Spread p50s = Spread.of(p50);
            Spread p99s = Spread.of(p99);
            return List.of(
                    new Figure(
                            "added latency per piece, " + what + ", p50",
                            "ms",
                            p50s,
                            limitName == null ? null : limitName + ", p50",
                            limit == null ? null : Spread.of(limit.p50),
                            targeted ? "≤ 2 ms" : "—",
                            !targeted || p50s.median() <= 2,
                            note),
                    new Figure(
                            "added latency per piece, " + what + ", p99",
                            "ms",
                            p99s,
                            limitName == null ? null : limitName + ", p99",
                            limit == null ? null : Spread.of(limit.p99),
                            targeted ? "≤ 10 ms" : "—",
                            !targeted || p99s.median() <= 10,
                            ""),
                    new Figure(
                            "added latency per piece, " + what + ", max",
                            "ms",
                            Spread.of(max),
                            null,
                            null,
                            "—",
                            true,
                            ""));
        }
    }
}
