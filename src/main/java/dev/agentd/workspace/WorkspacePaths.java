package dev.agentd.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Confinement to a workspace (agent.md §2): paths are relative to its root, a leading {@code /} or
 * {@code /workspace/} means the root, and nothing may resolve outside it — by {@code ..}, by an
 * absolute host path, or through a symlink that points outside.
 */
public final class WorkspacePaths {
    private WorkspacePaths() {}

    /** The path inside {@code root} that {@code requested} names, or empty when it would leave it. */
    public static Optional<Path> resolve(Path root, String requested) {
        if (requested == null) return Optional.empty();
        String p = requested.replace('\\', '/').strip();
        if (p.indexOf('\0') >= 0) return Optional.empty();
        if (p.equals("/workspace") || p.startsWith("/workspace/")) p = p.substring("/workspace".length());
        while (p.startsWith("/")) p = p.substring(1);
        if (p.matches("^[A-Za-z]:.*")) return Optional.empty();
        if (p.isEmpty()) p = ".";
        Path base = root.toAbsolutePath().normalize();
        Path target;
        try {
            target = base.resolve(p).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!target.startsWith(base)) return Optional.empty();
        return withinRealRoot(base, target) ? Optional.of(target) : Optional.empty();
    }

    /** The nearest existing ancestor (the path itself if it exists) must really lie inside the root. */
    private static boolean withinRealRoot(Path base, Path target) {
        try {
            Path realBase = base.toRealPath();
            Path existing = target;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
            if (existing == null) return false;
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) return false;
            return existing.toRealPath().startsWith(realBase);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code file}'s path relative to the root, with / separators. */
    public static String relative(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace(java.io.File.separatorChar, '/');
    }
}
