package dev.agentd.bench.figures;

import java.util.List;

/** The figures of the report, by name, in the order they are measured (the heaviest last). */
public final class Figures {
    public static final List<String> NAMES = List.of(
            "startup",
            "latency",
            "throughput",
            "pieces",
            "piece-latency",
            "history",
            "uploads",
            "disk",
            "postgresql",
            "streams");

    private Figures() {}

    public static List<Figure> measure(String name, Bench bench) throws Exception {
        return switch (name) {
            case "startup" -> StartupFigures.measure(bench);
            case "latency" -> LatencyFigures.measure(bench);
            case "throughput" -> ThroughputFigures.measure(bench);
            case "pieces" -> PieceFigures.measure(bench);
            case "piece-latency" -> PieceLatencyFigures.measure(bench);
            case "history" -> HistoryFigures.measure(bench);
            case "uploads" -> UploadFigures.measure(bench);
            case "disk" -> DiskFigures.measure(bench);
            case "postgresql" -> PostgresFigures.measure(bench);
            case "streams" -> StreamFigures.measure(bench);
            default -> throw new IllegalArgumentException("no figure named " + name);
        };
    }
}
