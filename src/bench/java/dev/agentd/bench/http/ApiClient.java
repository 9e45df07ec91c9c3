package dev.agentd.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One load client of agentd's Task API: a kept-alive connection for requests and one for streams,
 * as a browser or SDK holds them. Not thread-safe: one client per virtual thread.
 */
public final class ApiClient implements AutoCloseable {
    private final HttpConnection calls;
    private final HttpConnection streams;
    private final Map<String, String> auth;
    private final Map<String, String> json;

    public ApiClient(String host, int port, String key) {
        this.calls = new HttpConnection(host, port);
        this.streams = new HttpConnection(host, port);
        this.auth = Map.of("Authorization", "Bearer " + key);
        this.json = Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json");
    }

    /** Every read of this client fails after {@code nanoTime} (see {@link HttpConnection#deadline}). */
    public ApiClient deadline(long nanoTime) {
        calls.deadline(nanoTime);
        streams.deadline(nanoTime);
        return this;
    }

    /** POST /api/v1/tasks with a JSON body; the new task's id. */
    public String create(String message) throws IOException {
        Response r = calls.send("POST", "/api/v1/tasks", json, createBody(message));
        return idOf(r, 201);
    }

    /** POST /api/v1/tasks as multipart with one file; the new task's id. */
    public String createWithFile(String message, Path file, String fileName) throws IOException {
        Multipart body = new Multipart(message, file, fileName);
        Response r = calls.send(
                "POST",
                "/api/v1/tasks",
                Map.of("Authorization", auth.get("Authorization"), "Content-Type", body.contentType()),
                body.length(),
                body::writeTo);
        return idOf(r, 201);
    }

    /** POST …/messages (queued behind the active run when there is one). */
    public void followUp(String taskId, String message) throws IOException {
        Response r = calls.send("POST", "/api/v1/tasks/" + taskId + "/messages", json, createBody(message));
        String text = r.text();
        if (r.status() != 202) throw new IOException("follow-up answered " + r.status() + ": " + text);
    }

    /** GET {@code path} read whole; its body length in bytes. */
    public long getBytes(String path) throws IOException {
        Response r = calls.send("GET", path, auth, null);
        if (r.status() != 200) throw new IOException("GET " + path + " answered " + r.status() + ": " + r.text());
        return r.discard();
    }

    /**
     * Opens the task's stream ({@code after} null: history replay first; else resume after that seq)
     * and hands every frame to {@code frames} until the server ends the response or the listener
     * returns false.
     */
    public void stream(String taskId, Long after, FrameListener frames) throws IOException {
        String path = "/api/v1/tasks/" + taskId + "/stream" + (after == null ? "" : "?after=" + after);
        Response r = streams.send("GET", path, auth, null);
        if (r.status() != 200) throw new IOException("stream answered " + r.status() + ": " + r.text());
        HttpInput lines = r.lines();
        for (SseFrame f = SseFrame.read(lines); f != null; f = SseFrame.read(lines)) {
            if (!frames.onFrame(f)) {
                streams.disconnect();
                return;
            }
        }
    }

    @FunctionalInterface
    public interface FrameListener {
        /** False to stop reading (the connection is then dropped). */
        boolean onFrame(SseFrame frame) throws IOException;
    }

    static byte[] createBody(String message) {
        StringBuilder sb = new StringBuilder(message.length() + 16).append("{\"message\":\"");
        for (char c : message.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String idOf(Response r, int expected) throws IOException {
        String text = r.text();
        if (r.status() != expected) throw new IOException("create answered " + r.status() + ": " + text);
        int at = text.indexOf("\"id\":\"");
        if (at < 0) throw new IOException("no id in " + text);
        return text.substring(at + 6, text.indexOf('"', at + 6));
    }

    @Override
    public void close() {
        calls.close();
        streams.close();
    }
}
