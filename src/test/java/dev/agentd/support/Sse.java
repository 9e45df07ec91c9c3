package dev.agentd.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** A raw SSE reader: frames as the lines the server sent, read by position like clients in the wild. */
public final class Sse implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One block between blank lines. */
    public record Frame(List<String> lines) {
        public boolean isComment() {
            return lines.getFirst().startsWith(":");
        }

        /** Line 0, as a client reading by position takes it. */
        public String event() {
            return lines.get(0).substring("event: ".length());
        }

        /** Line 1. */
        public JsonNode data() {
            try {
                return MAPPER.readTree(lines.get(1).substring("data: ".length()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Line 2, or -1 when the frame has no id line. */
        public long id() {
            return lines.size() > 2 ? Long.parseLong(lines.get(2).substring("id: ".length())) : -1;
        }

        public boolean terminal() {
            return !isComment() && (event().equals("done") || event().equals("error"));
        }
    }

    public final Response response;
    private final BufferedSource source;

    private Sse(Response response) {
        this.response = response;
        this.source = response.body().source();
    }

    public static Sse open(ApiClient server, Request request) {
        try {
            return new Sse(server.http.newCall(request).execute());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Sse open(ApiClient server, String taskId) {
        return open(
                server,
                server.request("/api/v1/tasks/" + taskId + "/stream").get().build());
    }

    /** Every event of the task from its first ({@code after=0}), through the end of its stream. */
    public static List<Frame> replay(ApiClient server, String taskId) {
        try (Sse sse = open(
                server,
                server.request("/api/v1/tasks/" + taskId + "/stream?after=0").build())) {
            return sse.events();
        }
    }

    /** The next frame, or null at the end of the response. */
    public Frame next() {
        try {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = source.readUtf8Line();
                if (line == null) return lines.isEmpty() ? null : new Frame(lines);
                if (line.isEmpty()) {
                    if (!lines.isEmpty()) return checked(new Frame(lines));
                    continue;
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code frame}, once it is found to be an event openapi.yaml describes, when this is a stream. */
    private Frame checked(Frame frame) {
        String type = response.header("Content-Type");
        if (!frame.isComment()
                && type != null
                && type.startsWith("text/event-stream")
                && frame.lines().size() > 1) {
            OpenApiContract.checkEvent(frame.event(), frame.lines().get(1).substring("data: ".length()));
        }
        return frame;
    }

    /** Every frame until the server closes the response, comments left out. */
    public List<Frame> events() {
        List<Frame> frames = new ArrayList<>();
        for (Frame f = next(); f != null; f = next()) {
            if (!f.isComment()) frames.add(f);
        }
        return frames;
    }

    /** Concatenated text of content events. */
    public static String text(List<Frame> frames) {
        StringBuilder sb = new StringBuilder();
        for (Frame f : frames) {
            if (f.event().equals("content")) sb.append(f.data().get("text").asText());
        }
        return sb.toString();
    }

    @Override
    public void close() {
        response.close();
    }
}
