package dev.agentd.tools.command;

import dev.agentd.secrets.Masker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process stream on its own virtual thread, keeping the first {@code cap} bytes and
 * counting the rest. It keeps enough beyond the cap that any secret starting before it is kept
 * whole, so the text can be masked before it is cut.
 */
final class CappedOutput {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private final int keep;
    private long total;
    private final Thread reader;

    CappedOutput(InputStream in, int cap, Masker masker) {
        this.cap = cap;
        this.keep = cap + 4 * masker.longest(); // a character is at most 4 bytes of UTF-8
        this.reader = Thread.ofVirtual().name("command-output").start(() -> drain(in));
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (this) {
                    int room = (int) Math.max(0, Math.min(n, keep - total));
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

    /** The kept text, masked, cut at the cap with no part of a secret left at the cut. */
    synchronized String text(Masker masker) {
        String s = kept.toString(StandardCharsets.UTF_8);
        if (total <= cap) return masker.mask(s);
        int cut = new String(kept.toByteArray(), 0, Math.min(cap, kept.size()), StandardCharsets.UTF_8).length();
        return masker.cutAt(s, Math.min(cut, s.length())) + "\n[output truncated: " + total + " bytes, first " + cap
                + " shown]";
    }

    /** Whether the stream contained {@code text} within what was kept. */
    synchronized boolean contains(String text) {
        return kept.toString(StandardCharsets.UTF_8).contains(text);
    }
}
