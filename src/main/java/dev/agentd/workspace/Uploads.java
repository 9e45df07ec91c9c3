package dev.agentd.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Saves uploaded files into a workspace's uploads/ folder, never overwriting (task-api.md §8). */
public final class Uploads {
    /** Stores {@code files} and returns what was attached, in request order. */
    public List<AttachedFile> store(Path workspace, List<Upload> files) {
        if (files == null || files.isEmpty()) return List.of();
        Path uploads = workspace.resolve("uploads");
        List<AttachedFile> attached = new ArrayList<>();
        try {
            Files.createDirectories(uploads);
            for (Upload upload : files) {
                String name = FileNames.lastSegment(upload.filename());
                Path target = FileNames.reserveFree(uploads, name);
                try (InputStream in = upload.content().open()) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                attached.add(new AttachedFile(target.getFileName().toString(), "uploads/" + target.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return attached;
    }
}
