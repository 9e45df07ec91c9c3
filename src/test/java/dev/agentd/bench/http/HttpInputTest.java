package dev.agentd.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpInputTest {
    /** Hands out at most {@code step} bytes per read, so that lines and chunks straddle reads. */
    private static InputStream trickle(String text, int step) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static String chunked(String body, int size) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += size) {
            int n = Math.min(size, bytes.length - i);
            sb.append(Integer.toHexString(n))
                    .append("\r\n")
                    .append(new String(bytes, i, n, StandardCharsets.UTF_8))
                    .append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString();
    }

    @Test
    void linesEndAtLfOrCrLfAndTheLastLineNeedsNoTerminator() throws IOException {
        HttpInput in = new HttpInput(trickle("HTTP/1.1 200 OK\r\nA: b\n\nlast", 3), 4);
        assertEquals("HTTP/1.1 200 OK", in.line());
        assertEquals("A: b", in.line());
        assertEquals("", in.line());
        assertEquals("last", in.line());
        assertNull(in.line());
    }

    @Test
    void aChunkedEventStreamYieldsEveryFrameOnceAndThenEnds() throws IOException {
        String stream = "event: history_message\ndata: {\"role\":\"user\",\"content\":\"é\"}\n\n"
                + "event: history_done\ndata: {\"messageCount\":1,\"isStreaming\":true}\n\n"
                + ":heartbeat\n\n"
                + "event: content\ndata: {\"text\":\"2+2 \",\"isPartial\":true}\nid: 7\n\n"
                + "event: done\ndata: {\"finalResponse\":\"2+2 equals 4.\"}\nid: 8\n\n";
        HttpInput raw = new HttpInput(trickle(chunked(stream, 5) + "NEXT", 7), 16);
        HttpInput lines = new HttpInput(new ChunkedInput(raw), 8);

        SseFrame history = SseFrame.read(lines);
        assertEquals("history_message", history.event());
        assertEquals("{\"role\":\"user\",\"content\":\"é\"}", history.data());
        assertEquals(-1, history.id());
        assertTrue(SseFrame.read(lines).is("history_done"));
        SseFrame beat = SseFrame.read(lines);
        assertTrue(beat.isComment());
        assertEquals("heartbeat", beat.comment());
        SseFrame content = SseFrame.read(lines);
        assertEquals(7, content.id());
        SseFrame done = SseFrame.read(lines);
        assertTrue(done.is("done"));
        assertEquals(8, done.id());
        assertNull(SseFrame.read(lines));
        // the chunked body ended exactly at its last chunk: the connection's next bytes are untouched
        assertEquals("NEXT", raw.line());
    }

    @Test
    void aFixedLengthBodyStopsAtItsLength() throws IOException {
        HttpInput raw = new HttpInput(trickle("hello world", 2), 4);
        Response r = new Response(200, new FixedInput(raw, 5), true);
        assertEquals("hello", r.text());
        assertEquals(" world", raw.line());
    }
}
