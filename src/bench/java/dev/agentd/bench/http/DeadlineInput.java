package dev.agentd.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.LongSupplier;

/** A socket's input whose reads time out at a deadline (or after two minutes of silence, whichever comes first). */
final class DeadlineInput extends InputStream {
    private static final long IDLE_MS = 120_000;

    private final Socket socket;
    private final InputStream in;
    private final LongSupplier deadline;

    DeadlineInput(Socket socket, LongSupplier deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long left = deadline.getAsLong() - System.nanoTime();
        if (left <= 0) throw new SocketTimeoutException("deadline passed");
        socket.setSoTimeout((int) Math.max(1, Math.min(IDLE_MS, left / 1_000_000)));
        return in.read(b, off, len);
    }
}
