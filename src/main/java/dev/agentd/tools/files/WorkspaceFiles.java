package dev.agentd.tools.files;

import dev.agentd.tools.ToolFailure;
import dev.agentd.workspace.LinkRefusedException;
import dev.agentd.workspace.OutsideWorkspaceException;
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.WorkspacePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

/** What the file tools share: workspace failures as messages the model reads, and telling text from binary. */
final class WorkspaceFiles {
    private WorkspaceFiles() {}

    /** The segments of a workspace path; a failure the model reads for one that leaves the workspace. */
    static List<String> segments(String path) {
        try {
            return WorkspacePath.segments(path);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** What {@code path} names; a failure the model reads when nothing is there. */
    static Workspace.Entry existing(Workspace workspace, String path) {
        try {
            return workspace.stat(path).orElseThrow(() -> new ToolFailure("'" + path + "' does not exist"));
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** The regular file {@code path}, opened; a failure the model reads otherwise. */
    static Workspace.Opened open(Workspace workspace, String path) {
        Workspace.Entry entry = existing(workspace, path);
        if (entry.kind() == Workspace.Kind.FOLDER) throw new ToolFailure("'" + path + "' is a folder; use list_files");
        if (entry.kind() == Workspace.Kind.LINK) throw failure(path, new LinkRefusedException(path));
        try {
            return workspace.open(path).orElseThrow(() -> new ToolFailure("'" + path + "' is not a regular file"));
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /** An I/O failure on {@code path}, said so that the model can correct itself. */
    static ToolFailure failure(String path, IOException e) {
        return new ToolFailure(
                switch (e) {
                    case OutsideWorkspaceException outside ->
                        "'" + path + "' is outside the workspace; paths are relative to the workspace root";
                    case LinkRefusedException link ->
                        "'" + path + "' goes through a link (" + link.getFile()
                                + "); links in the workspace are not followed";
                    case NoSuchFileException missing -> "'" + path + "' does not exist";
                    case NotDirectoryException notDir -> "'" + notDir.getFile() + "' in '" + path + "' is not a folder";
                    case FileSystemException fs -> "'" + path + "': " + fs.getReason();
                    default -> "'" + path + "': " + e.getMessage();
                });
    }

    /** A file with a NUL byte in its first 8 KiB is treated as binary; reads from the start of {@code opened}. */
    static boolean isBinary(Workspace.Opened opened) throws IOException {
        byte[] head = new byte[8192];
        int n = opened.channel().read(ByteBuffer.wrap(head), 0);
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) return true;
        }
        return false;
    }

    /** The file as a stream from its start. */
    static InputStream stream(Workspace.Opened opened) throws IOException {
        opened.channel().position(0);
        return Channels.newInputStream(opened.channel());
    }
}
