package dev.agentd.runner;

import dev.agentd.events.EventData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.events.EventHub;
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
import dev.agentd.workspace.AttachedFile;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
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

    private final Jdbi jdbi;
    private final EventHub hub;
    private final TaskStates states;
    private final TaskService service;
    private final ObjectMapper json;

    public Recovery(Jdbi jdbi, EventHub hub, TaskStates states, TaskService service, ObjectMapper json) {
        this.jdbi = jdbi;
        this.hub = hub;
        this.states = states;
        this.service = service;
        this.json = json;
    }

    public void run() {
        List<TaskRow> left = jdbi.onDemand(TaskDao.class).findByStatus(List.of(TaskStatus.RUNNING, TaskStatus.PENDING));
        for (TaskRow task : left) {
            long runId = jdbi.onDemand(RunDao.class).lastRunId(task.id());
            if (task.status().equals(TaskStatus.RUNNING)) {
                interrupt(task.id(), runId);
            } else {
                MessageRow last = jdbi.onDemand(MessageDao.class).lastUser(task.id()).orElseThrow();
                service.restartPending(task.id(), runId, modelText(last));
            }
        }
        for (String taskId : jdbi.onDemand(FollowUpDao.class).tasksWithFollowUps()) {
            service.resumeQueue(taskId);
        }
        if (!left.isEmpty()) log.info("recovered {} tasks left running or pending", left.size());
    }

    private void interrupt(String taskId, long runId) {
        RunOutput output = replay(jdbi.onDemand(EventDao.class).ofRun(taskId, runId));
        ToolCallRecord open = output.unfinishedCall();
        if (open != null) {
            output.putToolCall(open.with("error", INTERRUPTED_CALL));
            hub.publish(taskId, "tool_result", new EventData.ToolResultData(open.callId(), open.toolName(), "error", INTERRUPTED_CALL));
        }
        states.finish(taskId, runId, output.snapshot(),
                RunOutcome.failed("INTERRUPTED", "The run was interrupted by a server restart"), 0, 0);
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

    private String modelText(MessageRow message) {
        try {
            List<AttachedFile> files = message.attachedFiles() == null ? List.of()
                    : List.of(json.readValue(message.attachedFiles(), AttachedFile[].class));
            return AttachedFile.modelText(message.content(), files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
