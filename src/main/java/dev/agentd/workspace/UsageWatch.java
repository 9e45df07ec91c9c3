package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Follows what a workspace holds while a command writes to it, through the kernel's change
 * notifications on each of its folders: a change is seen within milliseconds, and only then is the
 * workspace measured again (walked as {@link Workspace} walks it, never through a link). A folder
 * made meanwhile is watched before it is measured, so nothing written into it goes unseen.
 */
public final class UsageWatch implements AutoCloseable {
    private final Workspace workspace;
    private final WatchService watcher;
    private final Set<String> watched = new HashSet<>();
    private long used;

    public UsageWatch(Workspace workspace) {
        this.workspace = workspace;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        measure();
    }

    /** Bytes of regular files when last measured. */
    public long used() {
        return used;
    }

    /**
     * Waits up to {@code millis} for the workspace to change; measures it again if it did, and
     * returns whether it did.
     */
    public boolean awaitChange(long millis) throws InterruptedException {
        WatchKey key;
        try {
            key = watcher.poll(millis, TimeUnit.MILLISECONDS);
        } catch (ClosedWatchServiceException e) {
            return false;
        }
        if (key == null) return false;
        for (; key != null; key = watcher.poll()) {
            key.pollEvents();
            key.reset();
        }
        measure();
        return true;
    }

    /** Watches every folder not watched yet, then measures. */
    public void measure() {
        try {
            boolean added = register(".");
            List<Workspace.Entry> entries = workspace.list(".", true, Integer.MAX_VALUE);
            for (Workspace.Entry e : entries) {
                if (e.kind() == Workspace.Kind.FOLDER) added |= register(e.path());
            }
            // what was written into new folders before they were watched is in a second look
            if (added) entries = workspace.list(".", true, Integer.MAX_VALUE);
            used = entries.stream()
                    .filter(e -> e.kind() == Workspace.Kind.FILE)
                    .mapToLong(Workspace.Entry::size)
                    .sum();
        } catch (IOException e) {
            used = workspace.used();
        }
    }

    /** Watches the folder {@code path}; false when it was watched already. */
    private boolean register(String path) {
        if (!watched.add(path)) return false;
        Path dir = path.equals(".") ? workspace.root() : workspace.root().resolve(path);
        try {
            dir.register(
                    watcher,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            // gone meanwhile, or out of watches: the periodic measure still sees it
        }
        return true;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
