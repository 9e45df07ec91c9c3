package dev.agentd.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The MCP servers from the npm registry that the tests run against (src/test/mcp, installed with
 * {@code npm ci --prefix src/test/mcp}); tests that need them are skipped where they are missing.
 */
public final class McpFixtures {
    /** Where they are installed: the folder a server runs in, so that it finds its dependencies. */
    public static final Path INSTALLED = Path.of("src/test/mcp").toAbsolutePath();

    public static final Path PACKAGES = INSTALLED.resolve("node_modules/@modelcontextprotocol");
    /** server-everything's folder: its dist/index.js takes stdio or streamableHttp. */
    public static final Path EVERYTHING = PACKAGES.resolve("server-everything");
    /** server-filesystem's folder: its dist/index.js serves the folders it is given. */
    public static final Path FILESYSTEM = PACKAGES.resolve("server-filesystem");

    private McpFixtures() {}

    /** Skips the test unless node and the servers are installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isRegularFile(EVERYTHING.resolve("dist/index.js")), "npm ci --prefix src/test/mcp first");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node is not installed");
    }

    /** server-everything over streamable HTTP on a free port of this machine; closing stops it. */
    public static final class HttpServer implements AutoCloseable {
        private final Process process;
        private final int port;

        public HttpServer() {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProcessBuilder pb = new ProcessBuilder("node", "dist/index.js", "streamableHttp")
                    .directory(EVERYTHING.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PORT", String.valueOf(port));
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            CompletableFuture<Void> listening = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader err =
                        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = err.readLine()) != null; ) {
                        if (line.contains("listening on port")) listening.complete(null);
                    }
                } catch (IOException e) {
                    listening.completeExceptionally(e);
                }
                listening.completeExceptionally(new IllegalStateException("the MCP server exited"));
            });
            try {
                listening.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("server-everything did not start over HTTP", e);
            }
        }

        /** Its endpoint, e.g. {@code http://127.0.0.1:3001/mcp}. */
        public String url() {
            return "http://127.0.0.1:" + port + "/mcp";
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
