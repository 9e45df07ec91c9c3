package dev.agentd.runner;

import dev.agentd.domain.Output;
import dev.agentd.domain.Thought;
import dev.agentd.domain.Times;
import dev.agentd.domain.ToolCallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a run has produced so far; read by GET while the run writes it. */
public final class RunOutput {
    /** An immutable copy. */
    private final StringBuilder content = new StringBuilder();

    private final List<Thought> thoughts = new ArrayList<>();
    private final List<ToolCallRecord> toolCalls = new ArrayList<>();
    private Instant updatedAt = Times.now();

    synchronized void appendContent(String text) {
        content.append(text);
        updatedAt = Times.now();
    }

    synchronized void addThought(Thought thought) {
        thoughts.add(thought);
        updatedAt = Times.now();
    }

    synchronized void putToolCall(ToolCallRecord call) {
        toolCalls.removeIf(c -> c.callId().equals(call.callId()));
        toolCalls.add(call);
        updatedAt = Times.now();
    }

    /** The tool calls that have not finished: one, or several when subagents work side by side. */
    synchronized List<ToolCallRecord> unfinishedCalls() {
        return toolCalls.stream().filter(c -> c.output() == null).toList();
    }

    public synchronized Output snapshot() {
        return new Output(content.toString(), updatedAt, List.copyOf(thoughts), List.copyOf(toolCalls));
    }
}
