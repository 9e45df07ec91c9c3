package dev.agentd.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
        return Mono.empty();
    }

    private void read(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                if (line.length() > MAX_LINE) break;
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

    private void drainErrors() {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
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
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                OutputStream out = process.getOutputStream();
                synchronized (this) {
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("the MCP server " + name + " is gone", e);
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
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
