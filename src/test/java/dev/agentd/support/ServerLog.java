package dev.agentd.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The log of the servers tests start in this JVM (target/test-server.log), read from a mark on. */
public final class ServerLog {
    private static final Path FILE = Path.of("target", "test-server.log");
    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** Marks the log's end as it is now. */
    public static ServerLog mark() {
        try {
            return new ServerLog(Files.exists(FILE) ? Files.size(FILE) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was logged since the mark. */
    public String since() {
        try {
            byte[] all = Files.readAllBytes(FILE);
            return new String(
                    all,
                    (int) Math.min(start, all.length),
                    (int) Math.max(0, all.length - start),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
