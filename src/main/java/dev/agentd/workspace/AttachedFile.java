package dev.agentd.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A file uploaded with a user message: its name and its path in the workspace. */
public record AttachedFile(String name, String path) {
    /** The files stored with a message as JSON text; none for null. */
    public static List<AttachedFile> fromJson(ObjectMapper json, String text) {
        if (text == null) return List.of();
        try {
            return List.of(json.readValue(text, AttachedFile[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attached files are not valid JSON", e);
        }
    }

    /** The files as JSON text to store with a message; null for none. */
    public static String toJson(ObjectMapper json, List<AttachedFile> files) {
        if (files == null || files.isEmpty()) return null;
        try {
            return json.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message as the model sees it: the upload list first (task-api.md §8). */
    public static String modelText(String message, List<AttachedFile> files) {
        if (files == null || files.isEmpty()) return message;
        StringBuilder text = new StringBuilder("[Files uploaded to workspace]\n");
        for (AttachedFile f : files) text.append("- ").append(f.path()).append('\n');
        return text.append('\n').append(message).toString();
    }
}
