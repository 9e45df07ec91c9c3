package dev.agentd.workspace;

/** Upload names: reduced to their last segment. */
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
}
