package dev.agentd.bench.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of a {@code Transfer-Encoding: chunked} response, decoded; ends at the last chunk. */
final class ChunkedInput extends InputStream {
    private final HttpInput in;
    private long left;
    private boolean done;
    /** A chunk's data was read whole; its CRLF is read before the next size, not right after it. */
    private boolean afterChunk;

    ChunkedInput(HttpInput in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) return -1;
        if (left == 0) {
            // Jetty writes a chunk's closing CRLF together with the next chunk: waiting for it right
            // after the data would hold every chunk back until the next one arrives
            if (afterChunk && !in.line().isEmpty()) throw new IOException("chunk not followed by CRLF");
            afterChunk = false;
            String size = in.line();
            if (size == null) throw new EOFException("connection closed inside a chunked body");
            int semi = size.indexOf(';');
            left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            if (left == 0) {
                // trailers, up to the blank line that ends the message
                for (String t = in.line(); t != null && !t.isEmpty(); t = in.line()) {
                    // ignored
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) throw new EOFException("connection closed inside a chunk");
        left -= n;
        if (left == 0) afterChunk = true;
        return n;
    }
}
