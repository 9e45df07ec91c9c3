package dev.agentd.model;

/** What a user message given to a model holds besides the user's own words (task-api.md §8). */
public final class UserMessages {
    /** The line that starts the list of files uploaded with a message. */
    public static final String FILE_LIST = "[Files uploaded to workspace]\n";

    private UserMessages() {}

    /** The user's words without the file list before them. */
    public static String withoutFileList(String content) {
        if (!content.startsWith(FILE_LIST)) return content;
        int end = content.indexOf("\n\n");
        return end < 0 ? content : content.substring(end + 2);
    }
}
