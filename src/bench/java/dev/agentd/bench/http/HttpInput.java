package dev.agentd.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader of one connection's bytes that hands out both CRLF/LF-terminated lines (status,
 * headers, chunk sizes, SSE lines) and raw bytes, from one buffer, so that nothing is read twice.
 */
public final class HttpInput {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int end;
    private byte[] line = new byte[256];

    public HttpInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    private boolean fill() throws IOException {
        if (pos < end) return true;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) return false;
        pos = 0;
        end = n;
        return true;
    }

    /** The next line without its terminator, decoded as UTF-8; null at the end of the input. */
    public String line() throws IOException {
        int len = 0;
        while (true) {
            if (!fill()) return len == 0 ? null : decode(len);
            int start = pos;
            while (pos < end && buf[pos] != '\n') pos++;
            int n = pos - start;
            if (len + n > line.length) {
                byte[] bigger = new byte[Math.max(line.length * 2, len + n)];
                System.arraycopy(line, 0, bigger, 0, len);
                line = bigger;
            }
            System.arraycopy(buf, start, line, len, n);
            len += n;
            if (pos < end) {
                pos++; // the '\n'
                return decode(len);
            }
        }
    }

    private String decode(int len) {
        if (len > 0 && line[len - 1] == '\r') len--;
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /** Up to {@code len} raw bytes; -1 at the end of the input. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (!fill()) return -1;
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }
}
