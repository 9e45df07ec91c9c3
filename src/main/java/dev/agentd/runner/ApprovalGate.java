package dev.agentd.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.domain.ApprovalOutcome;
import dev.agentd.domain.CancelReason;
import dev.agentd.domain.EventData;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.domain.ToolCallStatus;
import dev.agentd.events.EventHub;
import dev.agentd.model.ToolCall;
import dev.agentd.tools.ToolResult;
import java.util.Optional;

/**
 * Tool calls that need a person (autoExecute=false, agent.md §1 step 3): the task goes to
 * awaiting_approval and the run's virtual thread parks, giving its run slot back meanwhile.
 */
final class ApprovalGate {
    private final Approvals approvals;
    private final EventHub hub;
    private final RunSlots slots;

    ApprovalGate(Approvals approvals, EventHub hub, RunSlots slots) {
        this.approvals = approvals;
        this.hub = hub;
        this.slots = slots;
    }

    /**
     * Asks about {@code call} and waits; empty to go on and run it, or the result that tells the
     * model the user declined. {@code outlivesStop}: whether the wait goes on after a restart (the
     * run's own calls); a subagent's does not, since the subagent does not.
     */
    Optional<ToolResult> ask(RunHandle run, RunListener listener, ToolCall call, Session session, boolean outlivesStop)
            throws InterruptedException {
        JsonNode args = run.masker().mask(call.args());
        run.output()
                .putToolCall(new ToolCallRecord(call.id(), call.name(), ToolCallStatus.AWAITING_APPROVAL, args, null));
        approvals.request(run.taskId(), run.runId(), call.id(), call.name(), args);
        listener.awaitingApproval(run);
        hub.publish(
                run.taskId(),
                new EventData.ToolCallEvent(call.id(), call.name(), ToolCallStatus.AWAITING_APPROVAL, args));
        return awaitDecision(run, listener, call, session, outlivesStop);
    }

    /** Parks until the call already asked about is decided. */
    Optional<ToolResult> awaitDecision(
            RunHandle run, RunListener listener, ToolCall call, Session session, boolean outlivesStop)
            throws InterruptedException {
        ApprovalOutcome outcome;
        // a run parked on its own call loses nothing by stopping at once; a subagent's wait is work in progress
        if (outlivesStop) run.parked(true);
        slots.release(run.owner());
        try {
            outcome = approvals.await(run.taskId(), call.id());
        } catch (InterruptedException e) {
            if (run.cancelReason() == CancelReason.SHUTDOWN && outlivesStop) throw new StillAwaiting();
            boolean superseded = run.cancelReason() == CancelReason.SUPERSEDED;
            approvals.settle(
                    run.taskId(),
                    call.id(),
                    superseded ? "rejected" : "cancelled",
                    superseded
                            ? "superseded"
                            : run.cancelReason() == CancelReason.SHUTDOWN ? "server shutdown" : "task cancelled");
            throw e;
        } finally {
            run.parked(false);
            slots.acquireUninterruptibly(run.owner());
        }
        listener.approved(run);
        if (outcome == ApprovalOutcome.CANCEL) {
            return Optional.of(
                    new ToolResult(ToolCallStatus.CANCELLED, "The user declined this tool call; it was not run."));
        }
        if (outcome == ApprovalOutcome.PROCEED_ALWAYS) session.grants().add(call.name());
        return Optional.empty();
    }

    /** A run parked on an approval when the server stops: it is neither finished nor failed. */
    static final class StillAwaiting extends RuntimeException {
        StillAwaiting() {
            super(null, null, false, false);
        }
    }
}
