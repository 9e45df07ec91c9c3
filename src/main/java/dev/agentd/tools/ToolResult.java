package dev.agentd.tools;

import dev.agentd.domain.ToolCallStatus;

/** What a tool returns: how it ended (success, error or cancelled) and the output the model reads. */
public record ToolResult(ToolCallStatus status, String output) {
    public static ToolResult success(String output) {
        return new ToolResult(ToolCallStatus.SUCCESS, output);
    }

    public static ToolResult error(String message) {
        return new ToolResult(ToolCallStatus.ERROR, "Error: " + message);
    }
}
