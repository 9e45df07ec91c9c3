package dev.agentd.bench.http;

import java.io.IOException;

/**
 * One block of an event stream: an event with its {@code data} line and optional {@code id}, or a
 * comment ({@code event} null). Read by position, as task-api.md §9 fixes the order of the lines.
 */
public record SseFrame(String event, String data, long id, String comment) {
    /** The next frame, or null when the body ends. */
    public static SseFrame read(HttpInput lines) throws IOException {
        String event = null;
        String data = null;
        String comment = null;
        long id = -1;
        boolean any = false;
        for (String line = lines.line(); line != null; line = lines.line()) {
            if (line.isEmpty()) {
                if (any) return new SseFrame(event, data, id, comment);
                continue;
            }
            any = true;
            if (line.startsWith(":")) comment = line.substring(1);
            else if (line.startsWith("event: ")) event = line.substring(7);
            else if (line.startsWith("data: ")) data = line.substring(6);
            else if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
        }
        return any ? new SseFrame(event, data, id, comment) : null;
    }

    public boolean isComment() {
        return event == null && comment != null;
    }

    public boolean is(String name) {
        return name.equals(event);
    }
}
