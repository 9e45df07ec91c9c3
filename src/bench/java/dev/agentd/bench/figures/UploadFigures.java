package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.scenarios.Uploads;
import dev.agentd.bench.servers.ServerProcess;
import dev.agentd.bench.stats.Spread;
import dev.agentd.bench.tools.Hyperfine;
import dev.agentd.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Uploads of a 50 MB file and of a 50 MB ZIP of 5,000 files, against cp and unzip of the same bytes on the same disk. */
final class UploadFigures {
    private static final long FILE_BYTES = 50_000_000;
    private static final int ZIP_FILES = 5_000;
    private static final int ZIP_EACH = 10_000;
    private static final int UPLOADS = 5;

    private UploadFigures() {}

    static List<Figure> measure(Bench bench) throws Exception {
        Path inputs = bench.dataDir("upload-inputs");
        Path file = Uploads.randomFile(inputs.resolve("big.bin"), FILE_BYTES);
        Path zip = Uploads.randomZip(inputs.resolve("many.zip"), ZIP_FILES, ZIP_EACH);
        long zipBytes = Files.size(zip);
        Path data = bench.dataDir("uploads");
        List<Double> fileRates = new ArrayList<>();
        List<Double> zipRates = new ArrayList<>();
        try (ServerProcess server = bench.serveAgentd("uploads", data, Map.of(), Heap.UNDER_LOAD)) {
            Endpoint endpoint = bench.endpoint(server);
            Uploads.upload(endpoint, file, "big.bin");
            Uploads.upload(endpoint, zip, "many.zip");
            for (int i = 0; i < UPLOADS; i++) {
                fileRates.add(mbPerSecond(
                        FILE_BYTES, Uploads.upload(endpoint, file, "big.bin").nanos()));
                Uploads.Timed z = Uploads.upload(endpoint, zip, "many.zip");
                zipRates.add(mbPerSecond(zipBytes, z.nanos()));
                long extracted = countFiles(data.resolve("workspaces")
                        .resolve(Workspaces.layout(z.taskId()))
                        .resolve("uploads"));
                if (extracted != ZIP_FILES)
                    throw new IOException("the ZIP gave " + extracted + " files, not " + ZIP_FILES);
            }
        }
        Path scratch = bench.dataDir("copies");
        List<Double> cp = rates(
                FILE_BYTES,
                "cp " + file + " " + scratch.resolve("big.bin"),
                "rm -f " + scratch.resolve("big.bin"),
                bench);
        List<Double> unzip = rates(
                zipBytes,
                "unzip -q -o " + zip + " -d " + scratch.resolve("x"),
                "rm -rf " + scratch.resolve("x"),
                bench);
        Spread f = Spread.of(fileRates);
        Spread z = Spread.of(zipRates);
        Spread cpSpread = Spread.of(cp);
        Spread unzipSpread = Spread.of(unzip);
        String how = Hyperfine.available() ? "hyperfine, " : "";
        return List.of(
                new Figure(
                        "upload of a 50 MB file",
                        "MB/s",
                        f,
                        "cp of the same file (" + how + UPLOADS + " runs)",
                        cpSpread,
                        "≥ 50 % of cp",
                        f.median() >= 0.5 * cpSpread.median(),
                        "multipart create to its 201, " + UPLOADS + " runs; random bytes; MB = 10^6 bytes"),
                new Figure(
                        "upload of a 50 MB ZIP of 5,000 files",
                        "MB/s",
                        z,
                        "unzip of the same archive",
                        unzipSpread,
                        "≥ 50 % of unzip",
                        z.median() >= 0.5 * unzipSpread.median(),
                        String.format("%,d bytes; every run checked that 5,000 files landed in uploads/", zipBytes)));
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static List<Double> rates(long bytes, String command, String prepare, Bench bench) throws Exception {
        List<Double> rates = new ArrayList<>();
        if (Hyperfine.available()) {
            for (double seconds :
                    Hyperfine.times(command, prepare, UPLOADS, bench.work().resolve("hyperfine.json"))) {
                rates.add(bytes / 1e6 / seconds);
            }
            return rates;
        }
        for (int i = 0; i < UPLOADS + 1; i++) {
            run(prepare);
            long t0 = System.nanoTime();
            run(command);
            if (i > 0) rates.add(mbPerSecond(bytes, System.nanoTime() - t0));
        }
        return rates;
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command.split(" "))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IOException("failed: " + command);
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
