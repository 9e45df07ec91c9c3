package dev.agentd.workspace;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Upload names: reduced to their last segment, made unique with a numbered suffix. */
public final class FileNames {
    private FileNames() {}

    /** The last path segment of a client-sent name, with separators of either kind. */
    public static String lastSegment(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        n = n.replaceAll("[\\x00-\\x1f]", "");
        if (n.isEmpty() || n.equals(".") || n.equals("..")) return "upload";
        return n;
    }

    /**
     * Creates and returns an empty file named {@code name} in {@code dir}, or {@code base-1.ext},
     * {@code base-2.ext}… when taken; atomic, so concurrent uploads never share a name.
     */
    public static Path reserveFree(Path dir, String name) throws IOException {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 0; ; i++) {
            Path candidate = dir.resolve(i == 0 ? name : base + "-" + i + ext);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
    }
}
