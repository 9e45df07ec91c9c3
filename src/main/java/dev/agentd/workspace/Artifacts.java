package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every regular file of a workspace, as task-api.md §3.8 lists and serves them. */
public final class Artifacts {
    public record Artifact(String name, String path, long size, String mimeType, String category, Instant modifiedAt) {}

    private Artifacts() {}

    /** The workspace's regular files sorted by path; symlinks are not followed. */
    public static List<Artifact> list(Path workspace) {
        if (!Files.isDirectory(workspace)) return List.of();
        List<Artifact> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(workspace)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) continue;
                String name = p.getFileName().toString();
                out.add(new Artifact(name, WorkspacePaths.relative(workspace, p), a.size(), FileTypes.mimeType(name),
                        FileTypes.category(name), a.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Artifact::path));
        return out;
    }

    /** The regular file {@code path} names inside the workspace, or empty (missing, a folder, or outside). */
    public static Optional<Path> file(Path workspace, String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.startsWith("\\")) return Optional.empty();
        return WorkspacePaths.resolve(workspace, path).filter(Files::isRegularFile);
    }
}
