package dev.agentd.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A response whose status and framing are known and whose body is read by the caller. */
public record Response(int status, InputStream body, boolean keepAlive) {
    /** The whole body as text. */
    public String text() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        body.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Reads and discards the rest of the body; its length in bytes. */
    public long discard() throws IOException {
        byte[] b = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = body.read(b, 0, b.length)) > 0; ) total += n;
        return total;
    }

    /** Whether the rest of the body could be read, so that the connection can carry another request. */
    boolean drain() {
        try {
            discard();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The body's lines, for reading an event stream. */
    public HttpInput lines() {
        return new HttpInput(body, 8192);
    }
}
