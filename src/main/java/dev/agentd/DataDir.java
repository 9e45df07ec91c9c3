package dev.agentd;

import dev.agentd.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The data dir of one server: made if missing, checked writable, and held by a lock on
 * {@code agentd.lock} (which names the holder's pid) for as long as the server lives. The operating
 * system lets go of the lock when the process ends, however it ends, so a server killed with
 * SIGKILL never blocks the next one. Commands such as {@code keys} do not take it.
 */
public final class DataDir implements AutoCloseable {
    private final Path path;
    private final FileChannel lockFile;
    private final FileLock lock;

    private final String nodeId;

    private DataDir(Path path, FileChannel lockFile, FileLock lock, String nodeId) {
        this.path = path;
        this.nodeId = nodeId;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** @throws ConfigException naming AGENTD_DATA_DIR when the folder cannot be used or another server holds it */
    public static DataDir open(Path dir) {
        Path shown = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new ConfigException("AGENTD_DATA_DIR: cannot create " + shown + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException("AGENTD_DATA_DIR: cannot create " + shown + ": " + e.getMessage());
        }
        if (!Files.isWritable(dir)) throw new ConfigException("AGENTD_DATA_DIR: " + shown + " is not writable");
        FileChannel file;
        try {
            file = FileChannel.open(
                    dir.resolve("agentd.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConfigException("AGENTD_DATA_DIR: cannot write in " + shown + ": " + e.getMessage());
        }
        try {
            FileLock lock;
            try {
                lock = file.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(file);
                file.close();
                throw new ConfigException("AGENTD_DATA_DIR: " + shown + " is in use by another agentd" + holder
                        + "; stop it first, or give this one another AGENTD_DATA_DIR");
            }
            file.truncate(0);
            file.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            file.force(false);
            return new DataDir(dir, file, lock, nodeId(dir));
        } catch (IOException e) {
            closeQuietly(file);
            throw new ConfigException("AGENTD_DATA_DIR: cannot write in " + shown + ": " + e.getMessage());
        }
    }

    private static String holder(FileChannel file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        int n = file.read(buffer, 0);
        String pid = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).strip();
        return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
    }

    Path path() {
        return path;
    }

    /**
     * This node's name among the nodes of one database: made at its first start and kept in
     * {@code node-id}, so that a restarted node takes its own runs back at once.
     */
    String nodeId() {
        return nodeId;
    }

    private static String nodeId(Path dir) throws IOException {
        Path file = dir.resolve("node-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (id.matches("[0-9a-f-]{36}")) return id;
        }
        String id = UUID.randomUUID().toString();
        Path made = dir.resolve("node-id.new");
        Files.writeString(made, id + "\n", StandardCharsets.US_ASCII);
        Files.move(made, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the file releases it too
        }
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
