package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.PieceThroughput;
import dev.agentd.bench.scenarios.RunThroughput;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the data dir holds per task: bytes on disk per trivial run ("What is 2+2?", database and
 * files together, folders counted at their size on disk), and the database's bytes per streamed
 * piece against the bytes of the text those pieces carry. Measured between two clean stops of the
 * server, so that SQLite has moved its write-ahead log into the database file.
 */
final class DiskFigures {
    private static final int TRIVIAL_RUNS = 2000;
    private static final int PIECE_RUNS = 20;
    private static final int WORDS = 1000;

    private DiskFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        List<Double> perRun = new ArrayList<>();
        List<Double> perPiece = new ArrayList<>();
        List<Double> textPerPiece = new ArrayList<>();
        String message = PieceThroughput.message(WORDS);
        for (int r = 0; r < bench.rounds(); r++) {
            Path data = bench.dataDir("disk");
            try (ServerProcess server = bench.serveAgentd("disk", data, Map.of(), Heap.UNDER_LOAD)) {
                RunThroughput.measure(bench.endpoint(server), 10, Duration.ofSeconds(5), 10);
            }
            long before = bytesOnDisk(data);
            try (ServerProcess server = bench.serveAgentd("disk", data, Map.of(), Heap.UNDER_LOAD)) {
                RunThroughput.Result runs =
                        RunThroughput.measure(bench.endpoint(server), 50, Duration.ofMinutes(5), TRIVIAL_RUNS / 50);
                if (runs.completed() != TRIVIAL_RUNS) throw new IOException(runs.completed() + " runs completed");
            }
            long afterTrivial = bytesOnDisk(data);
            perRun.add((afterTrivial - before) / (double) TRIVIAL_RUNS);
            long pieces;
            try (ServerProcess server = bench.serveAgentd("disk", data, Map.of(), Heap.UNDER_LOAD)) {
                Endpoint endpoint = bench.endpoint(server);
                PieceThroughput.Result result =
                        PieceThroughput.measure(endpoint, PIECE_RUNS, WORDS, Duration.ofMinutes(2));
                if (result.finished() != PIECE_RUNS) throw new IOException(result.finished() + " piece runs finished");
                pieces = result.pieces();
            }
            long afterPieces = bytesOnDisk(data);
            perPiece.add((afterPieces - afterTrivial) / (double) pieces);
            // the built-in model quotes the message back: its words, plus the reply's own words, in the pieces
            textPerPiece.add((double) (message.length() + 300) / (pieces / (double) PIECE_RUNS));
            System.out.printf(
                    "  run %d: %.0f bytes per trivial run, %.0f database bytes per piece%n",
                    r + 1, perRun.getLast(), perPiece.getLast());
        }
        Spread run = Spread.of(perRun);
        Spread piece = Spread.of(perPiece);
        Spread text = Spread.of(textPerPiece);
        return List.of(
                new Figure(
                        "bytes on disk per trivial run",
                        "B",
                        run,
                        null,
                        null,
                        "≤ 2.5 KB",
                        run.median() <= 2560,
                        TRIVIAL_RUNS + " runs of \"What is 2+2?\" by 50 clients, each with its stream; database, "
                                + "write-ahead log and workspace folders between two clean stops of the server"),
                new Figure(
                        "database bytes per streamed piece",
                        "B",
                        piece,
                        "the text a piece carries",
                        text,
                        "a small constant factor of the text",
                        piece.median() <= 16 * text.median(),
                        PIECE_RUNS + " runs of a reply of about " + WORDS + " words, one piece per word; the database "
                                + "holds each piece as an event, and the whole reply again as the assistant message"));
    }

    /** Regular files by their size, folders by theirs on disk (a folder takes a block even when empty). */
    static long bytesOnDisk(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.mapToLong(p -> {
                        try {
                            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                            return a.isRegularFile() || a.isDirectory() ? a.size() : 0;
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }
}
