package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** The per-task disk quota (AGENTD_WORKSPACE_QUOTA). */
public final class Quota {
    private final long limit;

    public Quota(long limit) {
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Bytes of regular files under {@code dir}. */
    public static long used(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    return a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code adding} more bytes (net) still fit in the workspace. */
    public boolean fits(Path workspace, long adding) {
        return used(workspace) + adding <= limit;
    }
}
