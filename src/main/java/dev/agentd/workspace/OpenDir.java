package dev.agentd.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One open directory of a workspace. Every operation names a single entry in it and resolves that
 * name against the open descriptor, never following a link, so that a command swapping entries for
 * links while the server works cannot lead the server outside. File contents are read and written
 * through {@code /proc/self/fd/N}, which reopens exactly the file already opened, not a path.
 */
final class OpenDir implements AutoCloseable {
    private final int fd;

    private OpenDir(int fd) {
        this.fd = fd;
    }

    /** Opens {@code dir}, a path the server made itself (a workspace root), never one a command chose. */
    static OpenDir trusted(Path dir) throws IOException {
        return new OpenDir(
                Posix.openDirectory(Posix.AT_FDCWD, dir.toAbsolutePath().toString()));
    }

    /** The folder {@code name} in this one; a link is refused. */
    OpenDir dir(String name) throws IOException {
        return new OpenDir(Posix.openDirectory(fd, name));
    }

    /** The folder {@code name} in this one, made if missing; a link or a file there is refused. */
    OpenDir dirOrCreate(String name) throws IOException {
        try {
            Posix.mkdir(fd, name, 0755);
        } catch (FileAlreadyExistsException taken) {
            // opened below, and refused there if it is not a folder
        }
        return dir(name);
    }

    /** What {@code name} is (a link being itself), or empty. */
    Optional<Posix.Stat> stat(String name) throws IOException {
        return Posix.lstat(fd, name);
    }

    /** This folder itself. */
    Posix.Stat self() throws IOException {
        return Posix.stat(fd);
    }

    /** The names in this folder, sorted. */
    List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/self/fd/" + fd))) {
            for (Path p : entries) names.add(p.getFileName().toString());
        }
        names.sort(null);
        return names;
    }

    /** The regular file {@code name}, opened for reading; anything else (a link, a FIFO, a folder) is refused. */
    FileChannel read(String name) throws IOException {
        int file = Posix.openForReading(fd, name);
        try {
            if (!Posix.stat(file).isRegular()) throw new FileSystemException(name, null, "is not a regular file");
            return FileChannel.open(Path.of("/proc/self/fd/" + file), StandardOpenOption.READ);
        } finally {
            Posix.close(file);
        }
    }

    /** Replaces {@code name} with {@code bytes} at once: written beside it under a private name, then renamed over it. */
    void write(String name, byte[] bytes) throws IOException {
        String temporary = ".agentd-" + UUID.randomUUID() + ".tmp";
        int file = Posix.createNew(fd, temporary, 0644);
        boolean renamed = false;
        try {
            try (FileChannel out = FileChannel.open(Path.of("/proc/self/fd/" + file), StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
            }
            Posix.rename(fd, temporary, fd, name);
            renamed = true;
        } finally {
            Posix.close(file);
            if (!renamed) Posix.unlink(fd, temporary, false);
        }
    }

    /**
     * Creates an empty file named {@code name}, or {@code base-1.ext}, {@code base-2.ext}… when taken
     * (by anything, a link included), and returns the name it got.
     */
    String createFree(String name) throws IOException {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 0; ; i++) {
            String candidate = i == 0 ? name : base + "-" + i + ext;
            try {
                Posix.close(Posix.createNew(fd, candidate, 0644));
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    /** Moves the server's own file {@code from} (an absolute path) to {@code name} here, replacing what is there. */
    void moveIn(Path from, String name) throws IOException {
        Posix.rename(Posix.AT_FDCWD, from.toAbsolutePath().toString(), fd, name);
    }

    void unlink(String name, boolean directory) throws IOException {
        Posix.unlink(fd, name, directory);
    }

    void chown(String name, int uid, int gid) throws IOException {
        Posix.chown(fd, name, uid, gid);
    }

    @Override
    public void close() {
        Posix.close(fd);
    }
}
