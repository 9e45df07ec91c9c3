package dev.agentd.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.domain.FailureCode;
import dev.agentd.domain.Role;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.events.EventHub;
import dev.agentd.runner.Conversation;
import dev.agentd.runner.RunOutcome;
import dev.agentd.runner.RunReplay;
import dev.agentd.store.ApprovalStore;
import dev.agentd.store.Store;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair (agent.md §6): nothing stays running after the process that ran it is gone. A run
 * left running ends as failed with INTERRUPTED, keeping what it produced; a run left waiting for
 * approval waits again; pending runs and queued follow-ups start again in order.
 */
public final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final String INTERRUPTED_CALL = "Error: interrupted by restart";

    private final Store store;
    private final EventHub hub;
    private final RunLifecycle lifecycle;
    private final RunReplay replay;
    private final ObjectMapper json;

    Recovery(Store store, EventHub hub, RunLifecycle lifecycle, ObjectMapper json) {
        this.store = store;
        this.hub = hub;
        this.lifecycle = lifecycle;
        this.replay = new RunReplay(json);
        this.json = json;
    }

    /** Repairs every task that {@code ours} accepts (at start-up alone on a store: every task). */
    public void run(Predicate<String> ours) {
        List<Task> left =
                store.tasks().busy().stream().filter(t -> ours.test(t.id())).toList();
        for (Task task : left) {
            long runId = store.runs().last(task.id());
            if (task.status() == TaskStatus.RUNNING) {
                interrupt(task, runId);
            } else if (task.status() == TaskStatus.AWAITING_APPROVAL
                    && replay.inSubagent(store.events().ofRun(task.id(), runId))) {
                settleApprovals(task.id());
                interrupt(task, runId);
            } else if (task.status() == TaskStatus.AWAITING_APPROVAL) {
                List<Event> events = store.events().ofRun(task.id(), runId);
                lifecycle.resumeAwaiting(
                        replay.awaiting(task, runId, events, store.messages().page(task.id(), 0, Integer.MAX_VALUE)),
                        store.runs().firstSeq(task.id(), runId),
                        events);
            } else {
                var last = store.messages().lastOf(task.id(), Role.USER).orElseThrow();
                lifecycle.restartPending(
                        task, runId, Conversation.user(last, json).content());
            }
        }
        for (String taskId : store.followUps().tasksWithAny()) {
            if (ours.test(taskId))
                lifecycle.resumeQueue(store.tasks().find(taskId).orElseThrow());
        }
        if (!left.isEmpty()) log.info("recovered {} tasks left running or pending", left.size());
    }

    /** A subagent's call that waited for a person when the process stopped: its subagent is gone, so no one waits. */
    private void settleApprovals(String taskId) {
        for (ApprovalStore.Pending p : store.approvals().pending(taskId)) {
            store.approvals().settle(taskId, p.callId(), "cancelled", "interrupted by restart", Times.now());
        }
    }

    private void interrupt(Task task, long runId) {
        String taskId = task.id();
        RunReplay.Cut cut = replay.cut(store.events().ofRun(taskId, runId), INTERRUPTED_CALL);
        hub.openRun(taskId, runId);
        for (String agent : cut.openSubagents().reversed()) {
            hub.publish(
                    taskId,
                    new EventData.SubagentEnd(
                            agent, EventData.TerminateReason.ERROR, "Interrupted by a server restart"));
        }
        for (ToolCallRecord call : cut.interrupted()) {
            hub.publish(
                    taskId,
                    new EventData.ToolResultEvent(call.callId(), call.toolName(), call.status(), call.output()));
        }
        lifecycle.endInterrupted(
                task,
                runId,
                cut.output(),
                RunOutcome.failed(FailureCode.INTERRUPTED, "The run was interrupted by a server restart"));
    }
}
