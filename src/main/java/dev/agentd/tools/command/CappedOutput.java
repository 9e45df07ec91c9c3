package dev.agentd.tools.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains a process stream on its own virtual thread, keeping the first {@code cap} bytes and counting the rest. */
final class CappedOutput {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private long total;
    private final Thread reader;

    CappedOutput(InputStream in, int cap) {
        this.cap = cap;
        this.reader = Thread.ofVirtual().name("command-output").start(() -> drain(in));
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (this) {
                    int room = (int) Math.max(0, Math.min(n, cap - total));
                    kept.write(buffer, 0, room);
                    total += n;
                }
            }
        } catch (IOException ignored) {
            // the stream was closed because the process was killed
        }
    }

    /** Waits up to {@code millis} for the stream to end (a leftover grandchild may hold it open). */
    void await(long millis) throws InterruptedException {
        reader.join(millis);
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        if (total > cap) s += "\n[output truncated: " + total + " bytes, first " + cap + " shown]";
        return s;
    }
}
