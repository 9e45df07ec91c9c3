package dev.agentd.mcp;

import dev.agentd.tools.command.ProcessTree;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The MCP stdio transport (one JSON-RPC message per line each way) over a process agentd started in
 * the task's sandbox. The SDK's own stdio transport starts its process itself, from a copy of the
 * server's whole environment; a sandboxed process gets its variables through its launcher instead,
 * so this transport takes the process as it is.
 */
final class StdioProcessTransport implements McpClientTransport {
    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final Process process;
    private final McpJsonMapper json;
    private final String name;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile String lastError = "";
    private volatile Thread errors;
    private volatile Thread writer;
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();

    StdioProcessTransport(Process process, McpJsonMapper json, String name) {
        this.process = process;
        this.json = json;
        this.name = name;
    }

    /** Completes, with why, when the server's output ends (it exited or closed it). */
    CompletableFuture<String> ended() {
        return ended;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        errors = Thread.ofVirtual().name("mcp-" + name + "-err").start(this::drainErrors);
        Thread.ofVirtual().name("mcp-" + name + "-out").start(() -> read(handler));
        writer = Thread.ofVirtual().name("mcp-" + name + "-in").start(this::write);
        return Mono.empty();
    }

    /**
     * Writes queued messages to the server's input, so that a server that does not read (its pipe
     * full) holds up this thread only, never a run's, and stopping it is never blocked behind a write.
     */
    private void write() {
        OutputStream out = process.getOutputStream();
        try {
            while (true) {
                out.write(outbox.take());
                if (outbox.isEmpty()) out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the server went away, or the session ended
        }
    }

    private void read(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (InputStream in = new BufferedInputStream(process.getInputStream())) {
            for (String line; (line = boundedLine(in)) != null; ) {
                if (line.isBlank()) continue;
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | IllegalArgumentException e) {
                    continue; // a server that logs to stdout: not a message
                }
                handler.apply(Mono.just(message)).subscribe();
            }
        } catch (IOException e) {
            // the process went away
        }
        ended.complete(exitNote());
    }

    /**
     * The next line, or null at the end; a line longer than {@link #MAX_LINE} is read past and
     * given as empty (a server's answer that big is dropped, and the call it answers times out).
     */
    static String boundedLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') return tooLong ? "" : line.toString(StandardCharsets.UTF_8);
            if (tooLong) continue;
            line.write(b);
            if (line.size() > MAX_LINE) {
                tooLong = true;
                line.reset();
            }
        }
        return line.size() == 0 && !tooLong ? null : tooLong ? "" : line.toString(StandardCharsets.UTF_8);
    }

    private void drainErrors() {
        try (InputStream err = new BufferedInputStream(process.getErrorStream())) {
            for (String line; (line = boundedLine(err)) != null; ) {
                if (!line.isBlank()) lastError = line.length() > 300 ? line.substring(0, 300) + "…" : line;
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    private String exitNote() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                errors.join(Duration.ofSeconds(1));
                String last = lastError;
                return "it exited with code " + process.exitValue() + (last.isEmpty() ? "" : " (" + last + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "it closed its output";
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            if (!process.isAlive()) throw new IllegalStateException("the MCP server " + name + " is gone");
            try {
                outbox.add((json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("a message to the MCP server " + name + " could not be written", e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::stop);
    }

    @Override
    public void close() {
        stop();
    }

    /** Closes the server's input (the end of the session for a stdio server), then kills it if it lingers. */
    private void stop() {
        Thread w = writer;
        if (w != null) w.interrupt();
        // closing the input may wait behind a write the server never reads: on its own thread
        Thread.ofVirtual().start(() -> {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
        });
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) ProcessTree.kill(process);
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
