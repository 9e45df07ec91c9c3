package dev.agentd.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.events.Event;
import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ToolCall;
import dev.agentd.store.Database;
import dev.agentd.store.EventDao;
import dev.agentd.store.EventRow;
import dev.agentd.store.FollowUpDao;
import dev.agentd.store.MessageDao;
import dev.agentd.store.MessageRow;
import dev.agentd.store.RunDao;
import dev.agentd.store.TaskDao;
import dev.agentd.store.TaskRow;
import dev.agentd.tasks.RunOutcome;
import dev.agentd.tasks.TaskService;
import dev.agentd.tasks.TaskStates;
import dev.agentd.tasks.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair (agent.md §6): nothing stays running after the process that ran it is gone.
 * A run left running ends as failed with INTERRUPTED, keeping what it produced; pending runs and
 * queued follow-ups start again in order.
 */
public final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final String INTERRUPTED_CALL = "Error: interrupted by restart";

    private final Database database;
    private final EventHub hub;
    private final TaskStates states;
    private final TaskService service;
    private final ObjectMapper json;

    public Recovery(Database database, EventHub hub, TaskStates states, TaskService service, ObjectMapper json) {
        this.database = database;
        this.hub = hub;
        this.states = states;
        this.service = service;
        this.json = json;
    }

    public void run() {
        List<TaskRow> left = database.dao(TaskDao.class).findByStatus(
                List.of(TaskStatus.RUNNING, TaskStatus.PENDING, TaskStatus.AWAITING_APPROVAL));
        for (TaskRow task : left) {
            long runId = database.dao(RunDao.class).lastRunId(task.id());
            if (task.status().equals(TaskStatus.RUNNING)) {
                interrupt(task.id(), runId);
            } else if (task.status().equals(TaskStatus.AWAITING_APPROVAL)) {
                resumeAwaiting(task, runId);
            } else {
                MessageRow last = database.dao(MessageDao.class).lastUser(task.id()).orElseThrow();
                service.restartPending(task, runId, Conversation.user(last, json).content());
            }
        }
        for (String taskId : database.dao(FollowUpDao.class).tasksWithFollowUps()) {
            service.resumeQueue(database.dao(TaskDao.class).find(taskId).orElseThrow());
        }
        if (!left.isEmpty()) log.info("recovered {} tasks left running or pending", left.size());
    }

    private void interrupt(String taskId, long runId) {
        RunOutput output = replay(database.dao(EventDao.class).ofRun(taskId, runId));
        ToolCallRecord open = output.unfinishedCall();
        if (open != null) {
            output.putToolCall(open.with("error", INTERRUPTED_CALL));
            hub.publish(taskId, "tool_result", new EventData.ToolResultData(open.callId(), open.toolName(), "error", INTERRUPTED_CALL));
        }
        states.finish(taskId, runId, output.snapshot(),
                RunOutcome.failed("INTERRUPTED", "The run was interrupted by a server restart"), 0, 0);
    }

    /**
     * A run that waited for approval when the process stopped sits on a clean step boundary: its
     * memory is the history plus what the run did so far, and it parks again on the same calls.
     */
    private void resumeAwaiting(TaskRow task, long runId) {
        String taskId = task.id();
        List<EventRow> rows = database.dao(EventDao.class).ofRun(taskId, runId);
        RunOutput output = replay(rows);
        List<ChatMessage> memory = new ArrayList<>(Conversation.fromHistory(
                database.dao(MessageDao.class).page(taskId, 0, Integer.MAX_VALUE), json));
        List<ToolCall> asked = new ArrayList<>();
        List<ToolCall> waiting = new ArrayList<>();
        for (ToolCallRecord c : output.snapshot().toolCalls()) {
            ToolCall call = new ToolCall(c.callId(), c.toolName(), c.args() instanceof ObjectNode o ? o : json.createObjectNode());
            asked.add(call);
            if (c.output() == null) waiting.add(call);
        }
        memory.add(ChatMessage.assistant(output.snapshot().content(), asked));
        for (ToolCallRecord c : output.snapshot().toolCalls()) {
            if (c.output() != null) memory.add(ChatMessage.toolResult(c.callId(), c.toolName(), c.output()));
        }
        List<Event> earlier = rows.stream().map(r -> new Event(r.seq(), r.runId(), r.type(), r.data())).toList();
        RunHandle run = new RunHandle(task, runId, memory.getLast(), Map.of(), output,
                new RunHandle.Resume(memory, waiting));
        service.resumeAwaiting(run, database.dao(RunDao.class).firstSeq(taskId, runId), earlier);
    }

    /** Rebuilds what a run produced from its persisted events. */
    private RunOutput replay(List<EventRow> events) {
        RunOutput output = new RunOutput();
        try {
            for (EventRow e : events) {
                JsonNode d = json.readTree(e.data());
                switch (e.type()) {
                    case "content" -> output.appendContent(d.path("text").asText());
                    case "thought" -> output.addThought(new Thought(d.path("subject").asText(), d.path("description").asText()));
                    case "tool_call" -> output.putToolCall(new ToolCallRecord(d.path("callId").asText(),
                            d.path("toolName").asText(), d.path("status").asText(), d.path("args"), null));
                    case "tool_result" -> output.putToolCall(new ToolCallRecord(d.path("callId").asText(),
                            d.path("toolName").asText(), d.path("status").asText(), argsOf(output, d), d.path("output").asText()));
                    default -> { }
                }
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return output;
    }

    private static JsonNode argsOf(RunOutput output, JsonNode result) {
        return output.snapshot().toolCalls().stream()
                .filter(c -> c.callId().equals(result.path("callId").asText()))
                .map(ToolCallRecord::args).findFirst().orElse(null);
    }
}
