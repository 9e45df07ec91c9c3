package dev.agentd.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of the conversation given to a model. {@code role} is user, assistant or tool; an
 * assistant entry may carry tool calls, a tool entry answers the call named by {@code toolCallId}.
 */
public record ChatMessage(
        String role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName, JsonNode reasoning) {
    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, List.of(), null, null, null);
    }

    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return assistant(content, toolCalls, null);
    }

    /**
     * {@code reasoning}: what the provider needs back with this turn in the next request (Anthropic's
     * signed thinking blocks before a tool call), or null; kept in memory only.
     */
    public static ChatMessage assistant(String content, List<ToolCall> toolCalls, JsonNode reasoning) {
        return new ChatMessage("assistant", content, List.copyOf(toolCalls), null, null, reasoning);
    }

    public static ChatMessage toolResult(String callId, String toolName, String output) {
        return new ChatMessage("tool", output, List.of(), callId, toolName, null);
    }
}
