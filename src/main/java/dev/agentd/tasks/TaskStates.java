package dev.agentd.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.EventData;
import dev.agentd.domain.FailureCode;
import dev.agentd.domain.Output;
import dev.agentd.domain.Role;
import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.events.EventHub;
import dev.agentd.runner.RunOutcome;
import dev.agentd.store.MessageStore;
import dev.agentd.store.RunStore;
import dev.agentd.store.Store;
import dev.agentd.webhooks.Webhooks;
import java.time.Instant;
import java.util.List;

/**
 * The task state machine of task-api.md §4: every change of a task's status is made here, together
 * with the events and messages that go with it, and every change is checked against the moves the
 * state machine allows ({@link TaskStatus#from()}): a task found elsewhere is a fault, and says so.
 */
final class TaskStates {
    private final Store store;
    private final EventHub hub;
    private final ObjectMapper json;
    private final Webhooks webhooks;

    TaskStates(Store store, EventHub hub, ObjectMapper json, Webhooks webhooks) {
        this.store = store;
        this.hub = hub;
        this.json = json;
        this.webhooks = webhooks;
    }

    /** A finished task takes a new run: → pending, and the run's number. */
    long pending(String taskId) {
        Instant now = Times.now();
        return store.inTransaction(s -> {
            long runId = s.runs().next(taskId);
            require(s.tasks().transition(taskId, TaskStatus.PENDING, now), taskId, TaskStatus.PENDING);
            return runId;
        });
    }

    /**
     * pending → running: committed in order with the run's events, and so before any tool of the run
     * acts (the run waits for the writes before running a tool), so that a restart finds a run that
     * did something interrupted, and restarts only one that did nothing yet.
     */
    void running(String taskId) {
        Instant now = Times.now();
        hub.writeLater(s -> require(s.tasks().markRunning(taskId, now), taskId, TaskStatus.RUNNING));
    }

    /** running ⇄ awaiting_approval, committed (after the run's earlier writes) when this returns. */
    void move(Task task, TaskStatus status) {
        String taskId = task.id();
        Instant now = Times.now();
        hub.writeNow(s -> {
            require(s.tasks().transition(taskId, status, now), taskId, status);
            webhooks.transitioned(s, task, status, null, now);
        });
    }

    /**
     * Ends a run: the assistant message with what it produced, the task's final status and the
     * terminal event commit together. When that cannot be stored, the run ends failed without its
     * message instead, so that what streams saw is what is stored. False when neither could be stored
     * (the run's streams ended all the same; the next start ends the task).
     */
    boolean finish(Task task, long runId, Output output, RunOutcome outcome, RunStore.Usage usage) {
        String taskId = task.id();
        Instant now = Times.now();
        EventData terminal = outcome.completedWell()
                ? new EventData.Done(output.content())
                : new EventData.Failure(outcome.error().code(), outcome.error().message());
        boolean addsMessage = outcome.completedWell() || !output.isEmpty();
        String thoughts = jsonOrNull(output.thoughts());
        String toolCalls = jsonOrNull(output.toolCalls());
        EventHub.Ending whole = new EventHub.Ending(terminal, s -> {
            if (addsMessage) {
                s.messages()
                        .append(
                                taskId,
                                new MessageStore.NewMessage(
                                        Role.ASSISTANT, output.content(), now, null, thoughts, toolCalls));
            }
            require(s.tasks().markEnded(taskId, outcome.status(), outcome.error(), now), taskId, outcome.status());
            s.runs().end(taskId, runId, outcome.status(), now, usage);
            webhooks.transitioned(s, task, outcome.status(), outcome.error(), now);
        });
        RunError lost =
                new RunError(FailureCode.INTERNAL_ERROR, "The run's end could not be stored, so its answer is lost");
        EventHub.Ending failed = new EventHub.Ending(new EventData.Failure(lost.code(), lost.message()), s -> {
            require(s.tasks().markEnded(taskId, TaskStatus.FAILED, lost, now), taskId, TaskStatus.FAILED);
            s.runs().end(taskId, runId, TaskStatus.FAILED, now, usage);
            webhooks.transitioned(s, task, TaskStatus.FAILED, lost, now);
        });
        return hub.finishRun(taskId, runId, List.of(whole, failed)) >= 0;
    }

    private static void require(boolean moved, String taskId, TaskStatus to) {
        if (!moved) {
            throw new IllegalStateException("task " + taskId + " cannot become " + to.wire() + " from where it is");
        }
    }

    private String jsonOrNull(List<?> list) {
        if (list.isEmpty()) return null;
        try {
            return json.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
