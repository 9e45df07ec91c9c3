package dev.agentd.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One finished model turn: its whole text, the tools it asked for, the tokens it used (of the prompt's,
 * {@code cachedTokens} read from the provider's prompt cache), and what the provider needs back with
 * it ({@link ChatMessage#reasoning()}).
 */
public record ModelTurn(
        String text,
        List<ToolCall> toolCalls,
        long promptTokens,
        long completionTokens,
        long cachedTokens,
        JsonNode reasoning) {
    public ModelTurn {
        toolCalls = List.copyOf(toolCalls);
    }

    public ModelTurn(String text, List<ToolCall> toolCalls, long promptTokens, long completionTokens) {
        this(text, toolCalls, promptTokens, completionTokens, 0, null);
    }
}
