package dev.agentd.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventType;
import dev.agentd.domain.Message;
import dev.agentd.domain.Output;
import dev.agentd.domain.Task;
import dev.agentd.domain.Thought;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.domain.ToolCallStatus;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a run produced, rebuilt from its persisted events, for start-up recovery. */
public final class RunReplay {
    private final ObjectMapper json;

    public RunReplay(ObjectMapper json) {
        this.json = json;
    }

    /** The output of a run from its events. */
    public RunOutput output(List<Event> events) {
        RunOutput output = new RunOutput();
        try {
            for (Event e : events) {
                JsonNode d = json.readTree(e.data());
                switch (e.type()) {
                    case CONTENT -> output.appendContent(d.path("text").asText());
                    case THOUGHT ->
                        output.addThought(new Thought(
                                d.path("subject").asText(),
                                d.path("description").asText()));
                    case TOOL_CALL ->
                        output.putToolCall(new ToolCallRecord(
                                d.path("callId").asText(),
                                d.path("toolName").asText(),
                                ToolCallStatus.fromWire(d.path("status").asText()),
                                d.path("args"),
                                null));
                    case TOOL_RESULT ->
                        output.putToolCall(new ToolCallRecord(
                                d.path("callId").asText(),
                                d.path("toolName").asText(),
                                ToolCallStatus.fromWire(d.path("status").asText()),
                                argsOf(output, d),
                                d.path("output").asText()));
                    case STATUS, DONE, ERROR, SUBAGENT_START, SUBAGENT_THOUGHT, SUBAGENT_TOOL, SUBAGENT_END -> {}
                }
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a stored event is not JSON", ex);
        }
        return output;
    }

    /**
     * A run a restart cut: what it produced, with the calls it was executing ended as errors saying
     * {@code why}, those calls, and the subagents that had started and not ended, in the order they
     * started.
     */
    public record Cut(Output output, List<ToolCallRecord> interrupted, List<String> openSubagents) {}

    public Cut cut(List<Event> events, String why) {
        RunOutput output = output(events);
        List<ToolCallRecord> ended = new ArrayList<>();
        for (ToolCallRecord open : output.unfinishedCalls()) {
            ToolCallRecord cut = open.with(ToolCallStatus.ERROR, why);
            output.putToolCall(cut);
            ended.add(cut);
        }
        return new Cut(output.snapshot(), ended, openSubagents(events));
    }

    /** Whether the run was inside a delegation when it stopped (it cannot wait again: the subagent is gone). */
    public boolean inSubagent(List<Event> events) {
        return !openSubagents(events).isEmpty();
    }

    /** The calls of the run's subagents that waited for a person: they are in its output, but not the model's own. */
    private Set<String> subagentCalls(List<Event> events) {
        Set<String> calls = new HashSet<>();
        int open = 0;
        try {
            for (Event e : events) {
                if (e.type() == EventType.SUBAGENT_START) open++;
                if (e.type() == EventType.SUBAGENT_END) open--;
                if (e.type() == EventType.TOOL_CALL && open > 0) {
                    calls.add(json.readTree(e.data()).path("callId").asText());
                }
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a stored event is not JSON", ex);
        }
        return calls;
    }

    private List<String> openSubagents(List<Event> events) {
        List<String> open = new ArrayList<>();
        try {
            for (Event e : events) {
                if (e.type() == EventType.SUBAGENT_START)
                    open.add(json.readTree(e.data()).path("agentName").asText());
                if (e.type() == EventType.SUBAGENT_END)
                    open.remove(json.readTree(e.data()).path("agentName").asText());
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a stored event is not JSON", ex);
        }
        return open;
    }

    /**
     * A run that waited for approval when the process stopped, ready to go on: it sits on a clean step
     * boundary, so its memory is the history plus what the run did so far, and it parks again on the
     * calls that wait.
     */
    public RunHandle awaiting(Task task, long runId, List<Event> events, List<Message> history) {
        RunOutput output = output(events);
        List<ChatMessage> memory = new ArrayList<>(Conversation.fromHistory(history, json));
        List<ToolCall> asked = new ArrayList<>();
        List<ToolCall> waiting = new ArrayList<>();
        Set<String> subagents = subagentCalls(events);
        List<ToolCallRecord> own = output.snapshot().toolCalls().stream()
                .filter(c -> !subagents.contains(c.callId()))
                .toList();
        for (ToolCallRecord c : own) {
            ToolCall call = new ToolCall(
                    c.callId(), c.toolName(), c.args() instanceof ObjectNode o ? o : json.createObjectNode());
            asked.add(call);
            if (c.output() == null) waiting.add(call);
        }
        memory.add(ChatMessage.assistant(output.snapshot().content(), asked));
        for (ToolCallRecord c : own) {
            if (c.output() != null) memory.add(ChatMessage.toolResult(c.callId(), c.toolName(), c.output()));
        }
        return new RunHandle(task, runId, memory.getLast(), Map.of(), output, new RunHandle.Resume(memory, waiting));
    }

    private static JsonNode argsOf(RunOutput output, JsonNode result) {
        return output.snapshot().toolCalls().stream()
                .filter(c -> c.callId().equals(result.path("callId").asText()))
                .map(ToolCallRecord::args)
                .findFirst()
                .orElse(null);
    }
}
