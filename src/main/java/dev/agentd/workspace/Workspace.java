package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One task's workspace as the server touches it (agent.md §2, §4). Paths are relative to its root;
 * a leading {@code /} or {@code /workspace/} means the root; {@code ..} may not climb out of it.
 * Every access walks the path one folder at a time through open directories and refuses a link in
 * any part of it, so a command that plants or swaps links while the server reads or writes cannot
 * make it touch anything outside. The folder itself is made on first write.
 */
public final class Workspace {
    /** What a path names. */
    public enum Kind {
        FILE,
        FOLDER,
        LINK,
        OTHER
    }

    /** One entry: its path relative to the root ({@code /} separators), kind, size and modification time. */
    public record Entry(String path, Kind kind, long size, Instant modified) {
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** A regular file opened for reading: its name, and its size at opening. */
    public record Opened(FileChannel channel, long size, String name) {}

    private final Path root;

    public Workspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** Makes the workspace folder, with its uploads/ and downloads/, if it does not exist yet. */
    public void create() {
        if (exists()) return;
        try {
            Files.createDirectories(root.resolve("uploads"));
            Files.createDirectories(root.resolve("downloads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code path} names, or empty when nothing is there. */
    public Optional<Entry> stat(String path) throws IOException {
        List<String> names = WorkspacePath.segments(path);
        if (names.isEmpty()) {
            if (!exists()) return Optional.empty();
            try (OpenDir dir = OpenDir.trusted(root)) {
                return Optional.of(entry(".", dir.self()));
            }
        }
        try (OpenDir parent = openFolder(names.subList(0, names.size() - 1))) {
            if (parent == null) return Optional.empty();
            return parent.stat(names.getLast()).map(s -> entry(WorkspacePath.join(names), s));
        }
    }

    /**
     * The entries below the folder {@code path}, sorted by path, at most {@code limit} (folders are
     * listed, links too, neither followed).
     *
     * @throws NotDirectoryException when {@code path} is not a folder
     */
    public List<Entry> list(String path, boolean recursive, int limit) throws IOException {
        List<String> names = WorkspacePath.segments(path);
        List<Entry> out = new ArrayList<>();
        try (OpenDir dir = openFolder(names)) {
            if (dir == null) {
                if (names.isEmpty()) return out;
                throw new NoSuchFileException(path);
            }
            walk(dir, names.isEmpty() ? "" : WorkspacePath.join(names) + "/", recursive, limit, out);
        }
        return out;
    }

    private void walk(OpenDir dir, String prefix, boolean recursive, int limit, List<Entry> out) throws IOException {
        for (String name : dir.names()) {
            if (out.size() >= limit) return;
            Optional<Posix.Stat> stat = dir.stat(name);
            if (stat.isEmpty()) continue; // gone meanwhile
            Entry entry = entry(prefix + name, stat.get());
            out.add(entry);
            if (recursive && entry.kind() == Kind.FOLDER) {
                try (OpenDir sub = dir.dir(name)) {
                    walk(sub, entry.path() + "/", true, limit, out);
                } catch (NoSuchFileException | LinkRefusedException | NotDirectoryException changed) {
                    // replaced meanwhile: nothing of it is followed
                }
            }
        }
    }

    /** Bytes of the regular files in the workspace. */
    public long used() {
        try {
            return list(".", true, Integer.MAX_VALUE).stream()
                    .filter(e -> e.kind() == Kind.FILE)
                    .mapToLong(Entry::size)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The regular file {@code path}, opened; empty when there is none (missing, a folder, a link, or
     * anything else).
     */
    public Optional<Opened> open(String path) throws IOException {
        List<String> names = WorkspacePath.segments(path);
        if (names.isEmpty()) return Optional.empty();
        try (OpenDir parent = openFolder(names.subList(0, names.size() - 1))) {
            if (parent == null) return Optional.empty();
            FileChannel channel;
            try {
                channel = parent.read(names.getLast());
            } catch (NoSuchFileException | LinkRefusedException missing) {
                return Optional.empty();
            } catch (FileSystemException notRegular) {
                if (parent.stat(names.getLast()).map(s -> !s.isRegular()).orElse(true)) return Optional.empty();
                throw notRegular;
            }
            return Optional.of(new Opened(channel, channel.size(), names.getLast()));
        }
    }

    /** Replaces (or creates) the file {@code path} with {@code bytes}, making its folders. */
    public void write(String path, byte[] bytes) throws IOException {
        List<String> names = WorkspacePath.segments(path);
        if (names.isEmpty()) throw new FileSystemException(path, null, "is the workspace folder");
        create();
        try (OpenDir parent = makeFolders(names.subList(0, names.size() - 1))) {
            Optional<Posix.Stat> existing = parent.stat(names.getLast());
            if (existing.isPresent() && existing.get().isDirectory()) {
                throw new FileSystemException(path, null, "is a folder");
            }
            parent.write(names.getLast(), bytes);
        }
    }

    /**
     * Moves the server's file {@code staged} into the folder {@code folder} (made if needed) under
     * {@code name}, or a numbered variant when taken, and returns its workspace path. A top folder
     * that a command replaced by a link is put back as a folder (the link is removed, its target
     * untouched); a link deeper down is refused.
     */
    public String moveIn(List<String> folder, String name, Path staged) throws IOException {
        create();
        try (OpenDir root = OpenDir.trusted(this.root)) {
            if (!folder.isEmpty()) repairTopFolder(root, folder.getFirst());
            try (OpenDir dir = makeFolders(root, folder)) {
                String taken = dir.createFree(name);
                dir.moveIn(staged, taken);
                List<String> path = new ArrayList<>(folder);
                path.add(taken);
                return WorkspacePath.join(path);
            }
        }
    }

    /** Removes the file {@code path} if there is one (a link is removed, not followed); never fails. */
    public void removeQuietly(String path) {
        try {
            List<String> names = WorkspacePath.segments(path);
            if (names.isEmpty()) return;
            try (OpenDir parent = openFolder(names.subList(0, names.size() - 1))) {
                if (parent != null) parent.unlink(names.getLast(), false);
            }
        } catch (IOException ignored) {
            // nothing there, or nothing that may be removed
        }
    }

    private static void repairTopFolder(OpenDir root, String name) throws IOException {
        Optional<Posix.Stat> stat = root.stat(name);
        if (stat.isPresent() && stat.get().isLink()) root.unlink(name, false);
    }

    /** Gives every entry of the workspace, itself included, to {@code uid}:{@code gid} (links themselves, not their targets). */
    public void chownAll(int uid, int gid) throws IOException {
        if (!exists()) return;
        try (OpenDir dir = OpenDir.trusted(root)) {
            if (dir.self().uid() != uid) dir.chown(".", uid, gid);
            chownBelow(dir, uid, gid);
        }
    }

    private static void chownBelow(OpenDir dir, int uid, int gid) throws IOException {
        for (String name : dir.names()) {
            Optional<Posix.Stat> stat = dir.stat(name);
            if (stat.isEmpty()) continue;
            if (stat.get().uid() != uid) dir.chown(name, uid, gid);
            if (stat.get().isDirectory()) {
                try (OpenDir sub = dir.dir(name)) {
                    chownBelow(sub, uid, gid);
                } catch (NoSuchFileException | LinkRefusedException | NotDirectoryException changed) {
                    // replaced meanwhile
                }
            }
        }
    }

    /** The folder named by {@code names}, opened; null when the workspace or a folder on the way is missing. */
    private OpenDir openFolder(List<String> names) throws IOException {
        if (!exists()) return null;
        OpenDir dir = OpenDir.trusted(root);
        for (String name : names) {
            OpenDir next;
            try {
                next = dir.dir(name);
            } catch (NoSuchFileException missing) {
                dir.close();
                return null;
            } catch (IOException e) {
                dir.close();
                throw e;
            }
            dir.close();
            dir = next;
        }
        return dir;
    }

    private OpenDir makeFolders(List<String> names) throws IOException {
        try (OpenDir root = OpenDir.trusted(this.root)) {
            return makeFolders(root, names);
        }
    }

    private static OpenDir makeFolders(OpenDir from, List<String> names) throws IOException {
        OpenDir dir = from.dir(".");
        for (String name : names) {
            OpenDir next;
            try {
                next = dir.dirOrCreate(name);
            } finally {
                dir.close();
            }
            dir = next;
        }
        return dir;
    }

    private static Entry entry(String path, Posix.Stat s) {
        Kind kind = s.isRegular() ? Kind.FILE : s.isDirectory() ? Kind.FOLDER : s.isLink() ? Kind.LINK : Kind.OTHER;
        return new Entry(
                path, kind, kind == Kind.FILE ? s.size() : 0, Instant.ofEpochSecond(s.mtimeSeconds(), s.mtimeNanos()));
    }
}
