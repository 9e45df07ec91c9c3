package dev.agentd.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in OpenAI-compatible provider that streams its answer slowly: {@code pieces} content
 * pieces {@code gap} apart, each carrying the time it was sent ({@code "<n>@<epoch micros> "}), and
 * records when it flushed each one. A first call answers with text and a {@code list_files} call, the
 * call after the tool result with text only: two model turns per run. Runs as a main too
 * ({@code PacedProvider PORT PIECES GAP_MS}), for measurements from a process of its own.
 */
public final class PacedProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final int pieces;
    private final Duration gap;
    /** When each piece was flushed, by System.nanoTime(), in the order sent. */
    public final List<Long> sentNanos = new CopyOnWriteArrayList<>();

    private PacedProvider(HttpServer server, int pieces, Duration gap) {
        this.server = server;
        this.pieces = pieces;
        this.gap = gap;
    }

    public static PacedProvider start(int port, int pieces, Duration gap) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
            PacedProvider provider = new PacedProvider(server, pieces, gap);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/chat/completions", provider::answer);
            server.createContext("/health", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Reads the time a piece's text says it was sent, in epoch microseconds; -1 for other text. */
    public static long stampOf(String text) {
        int at = text.indexOf('@');
        if (at < 0) return -1;
        try {
            return Long.parseLong(text.substring(at + 1).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean afterTool = request.contains("\"role\":\"tool\"");
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < pieces; i++) {
                sleep(gap); // the first too, so that a stream opened right after the create sees every piece live
                write(out, chunk(JSON.createObjectNode().put("content", i + "@" + nowMicros() + " "), null));
                sentNanos.add(System.nanoTime());
            }
            if (afterTool) {
                write(out, chunk(JSON.createObjectNode(), "stop"));
            } else {
                ObjectNode call = JSON.createObjectNode()
                        .put("index", 0)
                        .put("id", "call_1")
                        .put("type", "function");
                call.putObject("function").put("name", "list_files").put("arguments", "{}");
                ObjectNode delta = JSON.createObjectNode();
                delta.putArray("tool_calls").add(call);
                sleep(gap);
                write(out, chunk(delta, null));
                write(out, chunk(JSON.createObjectNode(), "tool_calls"));
            }
            write(out, "[DONE]");
        }
    }

    private static String chunk(ObjectNode delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-paced").put("object", "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finish);
        return chunk.toString();
    }

    private static void write(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws InterruptedException {
        PacedProvider p =
                start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Duration.ofMillis(Long.parseLong(args[2])));
        System.out.println("paced provider on " + p.baseUrl());
        Thread.currentThread().join();
    }
}
