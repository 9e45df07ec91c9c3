package dev.agentd.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;

/**
 * Workspace paths as clients and the model write them: relative to the root, where a leading
 * {@code /} or {@code /workspace/} means the root and {@code ..} may not climb out of it.
 */
public final class WorkspacePath {
    /** Longest name of one path segment, in bytes (the Linux limit). */
    public static final int MAX_NAME_BYTES = 255;

    private WorkspacePath() {}

    /**
     * The segments of a workspace path.
     *
     * @throws OutsideWorkspaceException for a path that would leave the workspace or cannot name a file
     */
    public static List<String> segments(String requested) throws FileSystemException {
        if (requested == null) throw new OutsideWorkspaceException("(none)");
        String p = requested.replace('\\', '/').strip();
        if (p.indexOf('\0') >= 0 || p.matches("^[A-Za-z]:.*")) throw new OutsideWorkspaceException(requested);
        if (p.equals("/workspace") || p.startsWith("/workspace/")) p = p.substring("/workspace".length());
        List<String> names = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (names.isEmpty()) throw new OutsideWorkspaceException(requested);
                names.removeLast();
                continue;
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new FileSystemException(
                        requested, null, "a name in it is longer than " + MAX_NAME_BYTES + " bytes");
            }
            names.add(part);
        }
        return names;
    }

    /** The segments joined back into the path as listings show it ({@code .} for the root). */
    public static String join(List<String> segments) {
        return segments.isEmpty() ? "." : String.join("/", segments);
    }
}
