package dev.agentd.bench.figures;

import dev.agentd.bench.scenarios.Endpoint;
import dev.agentd.bench.servers.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What every figure needs: the jar under test, the harness's classpath (for the comparison
 * servers), a work folder, a fresh API key, how many runs make a figure, and how to start servers.
 */
public final class Bench {
    private final Path jar;
    private final String classpath;
    private final Path work;
    private final int rounds;
    private final String key;
    private int started;

    public Bench(Path jar, String classpath, Path work, int rounds) {
        this.jar = jar;
        this.classpath = classpath;
        this.work = work;
        this.rounds = rounds;
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        this.key = "sigmic_" + HexFormat.of().formatHex(b);
    }

    public int rounds() {
        return rounds;
    }

    public Path work() {
        return work;
    }

    public Endpoint endpoint(ServerProcess server) {
        return new Endpoint("127.0.0.1", server.port(), key);
    }

    /** agentd from the jar on a fresh data dir, built-in model without delay unless {@code env} says otherwise; not yet serving. */
    public ServerProcess startAgentd(String name, Path data, Map<String, String> env, List<String> jvmArgs)
            throws IOException {
        int port = ServerProcess.freePort();
        Map<String, String> all = new HashMap<>();
        all.put("AGENTD_HOST", "127.0.0.1");
        all.put("AGENTD_PORT", String.valueOf(port));
        all.put("AGENTD_DATA_DIR", data.toString());
        all.put("AGENTD_API_KEY", key);
        all.put("AGENTD_MODEL", "builtin");
        all.put("AGENTD_BUILTIN_DELAY_MS", "0");
        all.put("AGENTD_SHUTDOWN_GRACE", "1s");
        all.putAll(env);
        List<String> command = new ArrayList<>(jvmArgs);
        // e.g. BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=x.jfr,settings=profile to profile a figure
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank())
            command.addAll(List.of(extra.strip().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        return ServerProcess.start(command, all, port, work.resolve("logs").resolve(name + ".log"));
    }

    /** agentd started and serving. */
    public ServerProcess serveAgentd(String name, Path data, Map<String, String> env, List<String> jvmArgs)
            throws IOException, InterruptedException {
        ServerProcess server = startAgentd(name, data, env, jvmArgs);
        try {
            server.awaitHealthy("/health", Duration.ofSeconds(60));
        } catch (IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The raw Jetty handler, serving. */
    public ServerProcess serveRawJetty(List<String> jvmArgs) throws IOException, InterruptedException {
        return serveClass("raw-jetty", "dev.agentd.bench.servers.RawJetty", jvmArgs, "/");
    }

    /**
     * The bare Javalin hello-world; not yet serving. Javalin and Jetty come from agentd's own jar, the
     * one class from the harness's classes (the first classpath entry), so both load the same libraries.
     */
    public ServerProcess startHelloJavalin(String name) throws IOException {
        int port = ServerProcess.freePort();
        String harness = classpath.split(File.pathSeparator)[0];
        List<String> command = List.of(
                "-cp",
                jar + File.pathSeparator + harness,
                "dev.agentd.bench.servers.HelloJavalin",
                String.valueOf(port));
        return ServerProcess.start(command, Map.of(), port, work.resolve("logs").resolve(name + ".log"));
    }

    /** The key every agentd of the bench accepts. */
    public String key() {
        return key;
    }

    /** A class of the harness as a server of its own, given its port then {@code args}, serving. */
    ServerProcess serveClass(String name, String main, List<String> jvmArgs, String health, String... args)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(jvmArgs);
        command.addAll(List.of("-cp", classpath, main, String.valueOf(port)));
        command.addAll(List.of(args));
        ServerProcess server = ServerProcess.start(
                command, Map.of(), port, work.resolve("logs").resolve(name + ".log"));
        server.awaitHealthy(health, Duration.ofSeconds(60));
        return server;
    }

    /** A new, empty data dir under the work folder. */
    public Path dataDir(String name) throws IOException {
        Path dir = work.resolve("data").resolve(name + "-" + (++started));
        Files.createDirectories(dir);
        return dir;
    }

    /** The database file of an agentd data dir. */
    public static Path database(Path dataDir) {
        return dataDir.resolve("agentd.db");
    }
}
