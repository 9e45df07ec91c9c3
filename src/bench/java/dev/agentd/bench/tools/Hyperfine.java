package dev.agentd.bench.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times a command with hyperfine (no shell, so no shell start-up is counted), with a preparation
 * command before each run; the individual run times in seconds.
 */
public final class Hyperfine {
    private Hyperfine() {}

    public static boolean available() {
        return Tools.onPath("hyperfine");
    }

    public static List<Double> times(String command, String prepare, int runs, Path json)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "hyperfine",
                        "-N",
                        "--style",
                        "none",
                        "--warmup",
                        "1",
                        "--runs",
                        String.valueOf(runs),
                        "--prepare",
                        prepare,
                        "--export-json",
                        json.toString(),
                        command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("hyperfine failed on: " + command);
        }
        JsonNode result = new ObjectMapper()
                .readTree(Files.readString(json))
                .get("results")
                .get(0);
        List<Double> times = new ArrayList<>();
        result.get("times").forEach(t -> times.add(t.asDouble()));
        return times;
    }
}
