package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every regular file of a workspace, as task-api.md §3.8 lists and serves them. */
public final class Artifacts {
    public record Artifact(String name, String path, long size, String mimeType, String category, Instant modifiedAt) {}

    private Artifacts() {}

    /** The workspace's regular files sorted by path; links are neither listed nor followed. */
    public static List<Artifact> list(Workspace workspace) {
        List<Artifact> out = new ArrayList<>();
        try {
            for (Workspace.Entry e : workspace.list(".", true, Integer.MAX_VALUE)) {
                if (e.kind() != Workspace.Kind.FILE) continue;
                String name = e.name();
                out.add(new Artifact(
                        name,
                        e.path(),
                        e.size(),
                        FileTypes.mimeType(name),
                        FileTypes.category(name),
                        e.modified().truncatedTo(ChronoUnit.MILLIS)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The regular file {@code path} names inside the workspace, opened; empty when it is missing, a
     * folder, anything but a regular file, outside the workspace, or reached through a link.
     */
    public static Optional<Workspace.Opened> open(Workspace workspace, String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.startsWith("\\")) return Optional.empty();
        try {
            return workspace.open(path);
        } catch (FileSystemException refused) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
