package dev.agentd.workspace;

import java.util.List;

/** A file uploaded with a user message: its name and its path in the workspace. */
public record AttachedFile(String name, String path) {
    /** The message as the model sees it: the upload list first (task-api.md §8). */
    public static String modelText(String message, List<AttachedFile> files) {
        if (files == null || files.isEmpty()) return message;
        StringBuilder text = new StringBuilder("[Files uploaded to workspace]\n");
        for (AttachedFile f : files) text.append("- ").append(f.path()).append('\n');
        return text.append('\n').append(message).toString();
    }
}
