package dev.agentd.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events exactly as task-api.md §9 fixes them: {@code event:}, then
 * {@code data:} with one line of JSON, then {@code id:} only for live events, then a blank line.
 */
final class SseFrames {
    private final OutputStream out;
    private final StringBuilder buffer = new StringBuilder(256);

    SseFrames(OutputStream out) {
        this.out = out;
    }

    /** Queues one event; {@code id < 0} leaves the id line out (history replay). */
    void event(String name, String data, long id) throws IOException {
        buffer.append("event: ").append(name).append('\n');
        buffer.append("data: ").append(data).append('\n');
        if (id >= 0) buffer.append("id: ").append(id).append('\n');
        buffer.append('\n');
        if (buffer.length() > 32 * 1024) write();
    }

    void comment(String text) {
        buffer.append(':').append(text).append("\n\n");
    }

    /** Sends everything queued. */
    void flush() throws IOException {
        write();
        out.flush();
    }

    private void write() throws IOException {
        if (buffer.isEmpty()) return;
        out.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
        buffer.setLength(0);
    }
}
