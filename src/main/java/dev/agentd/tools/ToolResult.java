package dev.agentd.tools;

/** What a tool returns: {@code status} is success, error or cancelled; {@code output} goes to the model. */
public record ToolResult(String status, String output) {
    public static ToolResult success(String output) {
        return new ToolResult("success", output);
    }

    public static ToolResult error(String message) {
        return new ToolResult("error", "Error: " + message);
    }
}
