package dev.agentd.workspace;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Optional;

/**
 * The few Linux calls that act on a name inside an open directory ({@code openat}, {@code mkdirat},
 * {@code statx}, …), called through the JDK's foreign function API. Java's file API resolves whole
 * paths, following every link on the way; these resolve one name in a directory the caller already
 * holds, so that a link planted in a workspace is never followed, however the workspace changes
 * between one call and the next.
 */
final class Posix {
    static final int AT_FDCWD = -100;
    private static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final boolean ARM =
            System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64");
    private static final int O_DIRECTORY = ARM ? 040000 : 0200000;
    private static final int O_NOFOLLOW = ARM ? 0100000 : 0400000;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int EEXIST = 17;
    private static final int ELOOP = 40;
    private static final int ENAMETOOLONG = 36;
    private static final int ENXIO = 6;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final MethodHandle OPENAT = function(
            "openat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(3));
    private static final MethodHandle MKDIRAT =
            function("mkdirat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT =
            function("unlinkat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT =
            function("renameat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle FCHOWNAT =
            function("fchownat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle STATX =
            function("statx", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Posix() {}

    /** What {@code statx} says of a file: its type bits, size, owner and modification time. */
    record Stat(int mode, long size, int uid, long mtimeSeconds, int mtimeNanos) {
        private static final int TYPE = 0170000;

        boolean isDirectory() {
            return (mode & TYPE) == 0040000;
        }

        boolean isRegular() {
            return (mode & TYPE) == 0100000;
        }

        boolean isLink() {
            return (mode & TYPE) == 0120000;
        }
    }

    /** Opens the directory {@code name} in {@code dir}; a link there is refused, not followed. */
    static int openDirectory(int dir, String name) throws IOException {
        return open(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
    }

    /**
     * Opens {@code name} in {@code dir} for reading without following a link and without waiting on
     * a FIFO or device; the caller checks with {@link #stat(int)} what it got.
     */
    static int openForReading(int dir, String name) throws IOException {
        return open(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
    }

    /** Creates {@code name} in {@code dir}, failing if anything (a link included) is there already. */
    static int createNew(int dir, String name, int mode) throws IOException {
        return open(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    }

    private static int open(int dir, String name, int flags, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPENAT.invokeExact(state, dir, arena.allocateFrom(name), flags, mode);
            if (fd < 0) throw failure(state, name, "open");
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void mkdir(int dir, String name, int mode) throws IOException {
        call(name, "mkdir", (arena, state) -> (int) MKDIRAT.invokeExact(state, dir, arena.allocateFrom(name), mode));
    }

    static void unlink(int dir, String name, boolean directory) throws IOException {
        int flags = directory ? AT_REMOVEDIR : 0;
        call(name, "unlink", (arena, state) -> (int) UNLINKAT.invokeExact(state, dir, arena.allocateFrom(name), flags));
    }

    /** Renames {@code from} (a name in {@code fromDir}, or an absolute path with {@link #AT_FDCWD}) to {@code to} in {@code toDir}. */
    static void rename(int fromDir, String from, int toDir, String to) throws IOException {
        call(to, "rename", (arena, state) ->
                (int) RENAMEAT.invokeExact(state, fromDir, arena.allocateFrom(from), toDir, arena.allocateFrom(to)));
    }

    /** Gives {@code name} in {@code dir} (not what a link names) to {@code uid}:{@code gid}. */
    static void chown(int dir, String name, int uid, int gid) throws IOException {
        call(name, "chown", (arena, state) ->
                (int) FCHOWNAT.invokeExact(state, dir, arena.allocateFrom(name), uid, gid, AT_SYMLINK_NOFOLLOW));
    }

    /** What the open descriptor {@code fd} is. */
    static Stat stat(int fd) throws IOException {
        return statx(fd, "", AT_EMPTY_PATH).orElseThrow(() -> new NoSuchFileException("fd " + fd));
    }

    /** What {@code name} in {@code dir} is, a link being itself; empty when nothing is there. */
    static Optional<Stat> lstat(int dir, String name) throws IOException {
        return statx(dir, name, AT_SYMLINK_NOFOLLOW);
    }

    private static Optional<Stat> statx(int dir, String name, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buffer = arena.allocate(256, 8);
            int r = (int) STATX.invokeExact(state, dir, arena.allocateFrom(name), flags, STATX_BASIC_STATS, buffer);
            if (r < 0) {
                if ((int) ERRNO.get(state, 0L) == ENOENT) return Optional.empty();
                throw failure(state, name, "stat");
            }
            // struct statx: stx_uid @20, stx_mode @28, stx_size @40, stx_mtime {tv_sec @112, tv_nsec @120}
            return Optional.of(new Stat(
                    buffer.get(JAVA_SHORT, 28) & 0xffff,
                    buffer.get(JAVA_LONG, 40),
                    buffer.get(JAVA_INT, 20),
                    buffer.get(JAVA_LONG, 112),
                    buffer.get(JAVA_INT, 120)));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @FunctionalInterface
    private interface Call {
        int invoke(Arena arena, MemorySegment state) throws Throwable;
    }

    private static void call(String name, String what, Call call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            if (call.invoke(arena, state) < 0) throw failure(state, name, what);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static IOException failure(MemorySegment state, String name, String what) {
        int errno = (int) ERRNO.get(state, 0L);
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(name);
            case EEXIST -> new FileAlreadyExistsException(name);
            case ENOTDIR -> new NotDirectoryException(name);
            case ELOOP -> new LinkRefusedException(name);
            case ENAMETOOLONG -> new FileSystemException(name, null, "name too long");
            case ENXIO -> new FileSystemException(name, null, "not a regular file");
            default -> new FileSystemException(name, null, what + " failed (errno " + errno + ")");
        };
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = ERRNO_OPTION;
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, all);
    }
}
