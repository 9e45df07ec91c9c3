package dev.agentd.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The task workspaces under {@code $AGENTD_DATA_DIR/workspaces/<taskId>/} (agent.md §4). */
public final class Workspaces {
    private final Path root;

    public Workspaces(Path root) {
        this.root = root;
    }

    public Path dir(String taskId) {
        return root.resolve(taskId);
    }

    /** Creates the task's workspace with its uploads/ and downloads/ folders. */
    public Path create(String taskId) {
        Path dir = dir(taskId);
        try {
            Files.createDirectories(dir.resolve("uploads"));
            Files.createDirectories(dir.resolve("downloads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
