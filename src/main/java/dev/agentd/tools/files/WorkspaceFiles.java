package dev.agentd.tools.files;

import dev.agentd.tools.ToolFailure;
import dev.agentd.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the file tools share: confined path resolution and telling text from binary. */
final class WorkspaceFiles {
    private WorkspaceFiles() {}

    /** The path inside the workspace, or a failure the model reads; never a path outside. */
    static Path resolve(Path workspace, String path) {
        return WorkspacePaths.resolve(workspace, path).orElseThrow(() -> new ToolFailure(
                "'" + path + "' is outside the workspace; paths are relative to the workspace root"));
    }

    static Path existing(Path workspace, String path) {
        Path p = resolve(workspace, path);
        if (!Files.exists(p)) throw new ToolFailure("'" + path + "' does not exist");
        return p;
    }

    /** A file with a NUL byte in its first 8 KiB is treated as binary. */
    static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            for (byte b : head) {
                if (b == 0) return true;
            }
            return false;
        }
    }

    static String relative(Path workspace, Path p) {
        String r = WorkspacePaths.relative(workspace, p);
        return r.isEmpty() ? "." : r;
    }
}
