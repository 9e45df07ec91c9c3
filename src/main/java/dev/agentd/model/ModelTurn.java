package dev.agentd.model;

import java.util.List;

/** One finished model turn: its whole text, the tools it asked for, and the tokens it used. */
public record ModelTurn(String text, List<ToolCall> toolCalls, long promptTokens, long completionTokens) {
    public ModelTurn {
        toolCalls = List.copyOf(toolCalls);
    }
}
