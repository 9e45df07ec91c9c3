package dev.agentd.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.runner.RunOutput;
import dev.agentd.store.MessageDao;
import dev.agentd.store.RunDao;
import dev.agentd.store.TaskDao;
import dev.agentd.store.Times;
import java.time.Instant;

/**
 * The task state machine of task-api.md §4: every change of a task's status is made here, together
 * with the events and messages that go with it.
 */
public final class TaskStates {
    private final EventHub hub;
    private final ObjectMapper json;

    public TaskStates(EventHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    /**
     * pending → running, or a follow-up's run starting: committed in order with the run's events,
     * and so before any tool of the run acts ({@link dev.agentd.runner.AgentLoop} waits for the
     * writes before running a tool), so that a restart finds a run that did something interrupted,
     * and restarts only one that did nothing yet.
     */
    public void running(String taskId) {
        Instant now = Times.now();
        hub.writeLater(db -> db.attach(TaskDao.class).markRunning(taskId, now));
    }

    /** running ⇄ awaiting_approval, committed (after the run's earlier writes) when this returns. */
    public void setStatus(String taskId, String status) {
        Instant now = Times.now();
        hub.writeNow(db -> db.attach(TaskDao.class).setStatus(taskId, status, now));
    }

    /**
     * Ends a run: the assistant message with what it produced, the task's final status and the
     * terminal event commit together.
     */
    public void finish(String taskId, long runId, RunOutput.Snapshot output, RunOutcome outcome,
            long promptTokens, long completionTokens) {
        Instant now = Times.now();
        boolean completed = outcome.status().equals(TaskStatus.COMPLETED);
        Object data = completed
                ? new EventData.Done(output.content())
                : new EventData.Error(outcome.errorCode(), outcome.errorMessage());
        boolean addsMessage = completed || !output.isEmpty();
        String thoughts = jsonOrNull(output.thoughts());
        String toolCalls = jsonOrNull(output.toolCalls());
        hub.finishRun(taskId, runId, completed ? "done" : "error", data, addsMessage, (db, position) -> {
            if (addsMessage) {
                db.attach(MessageDao.class).insertAt(taskId, position, "assistant", output.content(), now, null,
                        thoughts, toolCalls);
            }
            db.attach(TaskDao.class).markEnded(taskId, outcome.status(), outcome.errorCode(), outcome.errorMessage(), now,
                    addsMessage ? position + 1 : position);
            db.attach(RunDao.class).end(taskId, runId, outcome.status(), now, promptTokens, completionTokens);
        });
    }

    private String jsonOrNull(java.util.List<?> list) {
        if (list.isEmpty()) return null;
        try {
            return json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
