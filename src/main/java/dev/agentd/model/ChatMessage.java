package dev.agentd.model;

import java.util.List;

/**
 * One entry of the conversation given to a model. {@code role} is user, assistant or tool; an
 * assistant entry may carry tool calls, a tool entry answers the call named by {@code toolCallId}.
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName) {
    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, List.of(), null, null);
    }

    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", content, List.copyOf(toolCalls), null, null);
    }

    public static ChatMessage toolResult(String callId, String toolName, String output) {
        return new ChatMessage("tool", output, List.of(), callId, toolName);
    }
}
