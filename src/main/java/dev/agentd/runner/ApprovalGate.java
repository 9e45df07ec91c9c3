package dev.agentd.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.model.ToolCall;
import dev.agentd.tasks.Approvals;
import dev.agentd.tasks.Session;
import dev.agentd.tasks.TaskStates;
import dev.agentd.tasks.TaskStatus;
import dev.agentd.tools.ToolResult;
import java.util.Optional;

/**
 * Tool calls that need a person (autoExecute=false, agent.md §1 step 3): the task goes to
 * awaiting_approval and the run's virtual thread parks, giving its run slot back meanwhile.
 */
final class ApprovalGate {
    private final Approvals approvals;
    private final TaskStates states;
    private final EventHub hub;
    private final RunSlots slots;

    ApprovalGate(Approvals approvals, TaskStates states, EventHub hub, RunSlots slots) {
        this.approvals = approvals;
        this.states = states;
        this.hub = hub;
        this.slots = slots;
    }

    /**
     * Asks about {@code call} and waits; empty to go on and run it, or the result that tells the
     * model the user declined.
     */
    Optional<ToolResult> ask(RunHandle run, ToolCall call, Session session) throws InterruptedException {
        JsonNode args = run.masker().mask(call.args());
        run.output().putToolCall(new ToolCallRecord(call.id(), call.name(), "awaiting_approval", args, null));
        approvals.request(run.taskId(), run.runId(), call.id(), call.name(), args);
        states.setStatus(run.taskId(), TaskStatus.AWAITING_APPROVAL);
        hub.publish(run.taskId(), "tool_call", new EventData.ToolCallData(call.id(), call.name(), "awaiting_approval", args));
        return awaitDecision(run, call, session);
    }

    /** Parks until the call already asked about is decided. */
    Optional<ToolResult> awaitDecision(RunHandle run, ToolCall call, Session session) throws InterruptedException {
        String outcome;
        run.parked(true);
        slots.release(run.owner());
        try {
            outcome = approvals.await(run.taskId(), call.id());
        } catch (InterruptedException e) {
            if (RunHandle.SHUTDOWN.equals(run.cancelReason())) throw new StillAwaiting();
            boolean superseded = RunHandle.SUPERSEDED.equals(run.cancelReason());
            approvals.settle(run.taskId(), call.id(), superseded ? "rejected" : "cancelled",
                    superseded ? "superseded" : "task cancelled");
            throw e;
        } finally {
            run.parked(false);
            slots.acquireUninterruptibly(run.owner());
        }
        states.setStatus(run.taskId(), TaskStatus.RUNNING);
        if (outcome.equals("cancel")) {
            return Optional.of(new ToolResult("cancelled", "The user declined this tool call; it was not run."));
        }
        if (outcome.equals("proceed_always")) session.grants().add(call.name());
        return Optional.empty();
    }

    /** A run parked on an approval when the server stops: it is neither finished nor failed. */
    static final class StillAwaiting extends RuntimeException {
        StillAwaiting() {
            super(null, null, false, false);
        }
    }
}
