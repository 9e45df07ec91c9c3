package dev.agentd.bench.servers;

import dev.agentd.bench.http.HttpConnection;
import dev.agentd.bench.http.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under measurement, as its own JVM process on a free loopback port, its output going to
 * a log file. What is measured never includes its shutdown.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final int port;
    private final long startedNanos;

    private ServerProcess(Process process, int port, long startedNanos) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code java jvmArgs… mainArgs…} with {@code env} added; does not wait for it to serve. */
    public static ServerProcess start(List<String> jvmAndMain, Map<String, String> env, int port, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmAndMain);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("AGENTD_")
                        || k.startsWith("OPENAI_")
                        || k.equals("JAVA_TOOL_OPTIONS")
                        || k.equals("JDK_JAVA_OPTIONS"));
        pb.environment().putAll(env);
        Files.createDirectories(log.getParent());
        long t0 = System.nanoTime();
        return new ServerProcess(pb.start(), port, t0);
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Polls {@code GET path} every millisecond until it answers 200; the time from the process's
     * start to that answer.
     */
    public Duration awaitHealthy(String path, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("server exited with " + process.exitValue());
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                Response r = c.send("GET", path, Map.of(), null);
                r.discard();
                if (r.status() == 200) return Duration.ofNanos(System.nanoTime() - startedNanos);
            } catch (IOException notYet) {
                Thread.sleep(1);
            }
        }
        throw new IOException("no answer from " + path + " within " + timeout);
    }

    /** Resident memory of the process, from /proc. */
    public long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** Java heap in use after a full collection, asked through jcmd. */
    public long heapUsedAfterGcKb() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) throw new IOException("no heap figure from jcmd");
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), what)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    /** SIGTERM (so that a flight recording is written), and SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
