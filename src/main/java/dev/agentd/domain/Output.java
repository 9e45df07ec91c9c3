package dev.agentd.domain;

import java.time.Instant;
import java.util.List;

/** What a run has produced so far: its text, thoughts and tool calls, and when it last changed. */
public record Output(String content, Instant updatedAt, List<Thought> thoughts, List<ToolCallRecord> toolCalls) {
    public boolean isEmpty() {
        return content.isEmpty() && thoughts.isEmpty() && toolCalls.isEmpty();
    }
}
