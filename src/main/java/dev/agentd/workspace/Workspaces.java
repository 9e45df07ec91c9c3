package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task workspaces under {@code $AGENTD_DATA_DIR/workspaces/} (agent.md §4), spread over two
 * levels of folders named by the first characters of the task id ({@code 7e/e9/7ee9b72e-…}), so
 * that no folder holds more than a few thousand entries however many tasks there are. A task's
 * folder exists only once something was written there.
 */
public final class Workspaces {
    private static final Logger log = LoggerFactory.getLogger(Workspaces.class);
    private static final Pattern TASK_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;

    /** {@code root} is made if missing and used by its real path, so that no link above it is followed later. */
    public Workspaces(Path root) {
        try {
            this.root = Files.createDirectories(root).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workspaces folder " + root, e);
        }
    }

    /** The folder beside the workspaces where one node stages uploads, so that moving them in is a rename. */
    public static final String STAGING = ".staging";

    /**
     * Where node {@code nodeId} stages uploads before they are moved into a workspace: on the same
     * file system, made by the first upload, emptied now (what a stopped process left there is gone).
     */
    public Path staging(String nodeId) {
        Path dir = root.resolve(STAGING).resolve(nodeId);
        Uploads.deleteTree(dir);
        return dir;
    }

    /** The task's workspace (its folder is made on first write). */
    public Workspace of(String taskId) {
        return new Workspace(root.resolve(layout(taskId)));
    }

    /** Where a task's workspace lies below the workspaces folder. */
    public static Path layout(String taskId) {
        return Path.of(taskId.substring(0, 2), taskId.substring(2, 4), taskId);
    }

    /**
     * Moves workspaces of the earlier flat layout ({@code workspaces/<taskId>/}) to their place, one
     * rename each: an interrupted migration goes on at the next start. Returns how many moved.
     */
    public int migrate() {
        int moved = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path old : entries) {
                String name = old.getFileName().toString();
                if (!TASK_ID.matcher(name).matches() || !Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) continue;
                Path target = root.resolve(layout(name));
                Files.createDirectories(target.getParent());
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                moved++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move workspaces to their new layout in " + root, e);
        }
        if (moved > 0) log.info("moved {} workspaces to the layout of two folder levels", moved);
        return moved;
    }
}
