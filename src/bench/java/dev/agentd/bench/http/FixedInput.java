package dev.agentd.bench.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of known length ({@code Content-Length}), or, with length -1, everything until the peer closes. */
final class FixedInput extends InputStream {
    private final HttpInput in;
    private long left;

    FixedInput(HttpInput in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) return -1;
        int n = in.read(b, off, left < 0 ? len : (int) Math.min(len, left));
        if (n < 0) {
            if (left > 0) throw new EOFException("connection closed " + left + " bytes before the body's end");
            left = 0;
            return -1;
        }
        if (left > 0) left -= n;
        return n;
    }
}
