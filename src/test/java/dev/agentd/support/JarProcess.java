package dev.agentd.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar (target/agentd.jar) running as a child process, as a user would start it. */
public final class JarProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Thread reader;
    private final List<String> lines;
    private final ApiClient client;
    private final Path dataDir;

    private JarProcess(Process process, Thread reader, List<String> lines, int port, Path dataDir) {
        this.dataDir = dataDir;
        this.process = process;
        this.reader = reader;
        this.lines = lines;
        this.client = new ApiClient(port);
    }

    /** Starts the jar on {@code dataDir} with AGENTD_API_KEY set plus {@code env}, and waits until it serves. */
    public static JarProcess start(Path dataDir, Map<String, String> env) {
        return start(dataDir, env, List.of("-Xmx256m"));
    }

    public static JarProcess start(Path dataDir, Map<String, String> env, List<String> jvmArgs) {
        String jar = System.getProperty("agentd.jar", "target/agentd.jar");
        if (!Files.exists(Path.of(jar))) throw new IllegalStateException("build the jar first: " + jar);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("AGENTD_") || k.startsWith("OPENAI_"));
        e.put("AGENTD_PORT", "0");
        e.put("AGENTD_DATA_DIR", dataDir.toString());
        e.put("AGENTD_API_KEY", ApiClient.KEY);
        e.put("AGENTD_BUILTIN_DELAY_MS", "0");
        e.putAll(env);
        List<String> lines = new ArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        try {
            Process p = pb.start();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                port.completeExceptionally(new IllegalStateException("agentd exited before serving: " + lines));
            });
            return new JarProcess(p, reader, lines, port.get(30, TimeUnit.SECONDS), dataDir);
        } catch (Exception ex) {
            throw new IllegalStateException("could not start agentd: " + lines, ex);
        }
    }

    /** Runs {@code bin/agentd ARGS} with the jar on this server's data dir, as an operator would; its exit code. */
    public int command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("agentd.jar", "target/agentd.jar")));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString()));
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public ApiClient client() {
        return client;
    }

    /** Everything the process printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** SIGTERM, as `kill` sends it, then waits for the process to exit; returns its exit code. */
    public int terminate() {
        try {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return waitFor();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    public int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("agentd did not exit");
            reader.join(5000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        if (process.isAlive()) process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
