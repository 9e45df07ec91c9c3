package dev.agentd.runner;

import dev.agentd.domain.CancelReason;
import dev.agentd.domain.EventData;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.domain.ToolCallStatus;
import dev.agentd.events.EventHub;
import dev.agentd.metrics.Metrics;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ToolCall;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool calls of a run's model turns: asked about when they need a person, run (delegations side
 * by side where they may be), recorded in the run's output and on the stream, and closed when a run
 * ends before they do.
 */
final class ToolCalls {
    private final EventHub hub;
    private final ApprovalGate gate;
    private final Metrics metrics;

    ToolCalls(EventHub hub, ApprovalGate gate, Metrics metrics) {
        this.hub = hub;
        this.gate = gate;
        this.metrics = metrics;
    }

    /**
     * Runs a turn's calls in order, asking about each that needs it. Consecutive delegations that
     * need no one's approval run side by side, at their place in the turn; their results reach the
     * model in the order of the calls.
     */
    void callTools(
            RunHandle run,
            RunListener listener,
            List<ToolCall> calls,
            ToolContext context,
            Session session,
            RunTools tools)
            throws InterruptedException {
        for (int i = 0; i < calls.size(); ) {
            int end = i;
            while (end < calls.size() && sideBySide(calls.get(end), run, session, tools)) end++;
            if (end - i > 1) {
                List<ToolCall> group = calls.subList(i, end);
                Map<String, ToolResult> done;
                try (var together = new SideBySide()) {
                    for (ToolCall call : group) {
                        together.start(call.id(), () -> runCall(run, call, context, tools, Optional.empty()));
                    }
                    done = together.results();
                }
                for (ToolCall call : group) remember(session, call, done.get(call.id()));
                i = end;
            } else {
                ToolCall call = calls.get(i++);
                remember(
                        session, call, runCall(run, call, context, tools, decide(run, listener, call, session, tools)));
            }
        }
    }

    /**
     * Whether {@code call} may run beside its neighbours: a delegation that waits for no one (a wait
     * before it starts would leave a sibling approved but not begun across a restart).
     */
    private static boolean sideBySide(ToolCall call, RunHandle run, Session session, RunTools tools) {
        return call.name().equals(Delegation.NAME)
                && tools.box().offers(Delegation.NAME)
                && !tools.needsPerson(call, run.task(), session);
    }

    private Optional<ToolResult> decide(
            RunHandle run, RunListener listener, ToolCall call, Session session, RunTools tools)
            throws InterruptedException {
        return tools.needsPerson(call, run.task(), session)
                ? gate.ask(run, listener, call, session, true)
                : Optional.empty();
    }

    static void remember(Session session, ToolCall call, ToolResult result) {
        session.memory().add(ChatMessage.toolResult(call.id(), call.name(), result.output()));
        session.touch();
    }

    /** Runs the call unless it was declined; its result. */
    ToolResult runCall(RunHandle run, ToolCall call, ToolContext context, RunTools tools, Optional<ToolResult> declined)
            throws InterruptedException {
        if (declined.isPresent()) {
            ToolCallRecord record = new ToolCallRecord(
                    call.id(),
                    call.name(),
                    ToolCallStatus.AWAITING_APPROVAL,
                    run.masker().mask(call.args()),
                    null);
            finishCall(hub, run, record, declined.get().status(), declined.get().output());
            metrics.toolCall(label(call, tools.box()), declined.get().status().wire(), null);
        }
        return declined.isPresent() ? declined.get() : execute(run, call, context, tools.box());
    }

    private ToolResult execute(RunHandle run, ToolCall call, ToolContext context, ToolBox tools)
            throws InterruptedException {
        ToolCallRecord record = new ToolCallRecord(
                call.id(), call.name(), ToolCallStatus.EXECUTING, run.masker().mask(call.args()), null);
        run.output().putToolCall(record);
        hub.publish(
                run.taskId(),
                new EventData.ToolCallEvent(call.id(), call.name(), ToolCallStatus.EXECUTING, record.args()));
        // a tool acts on the world: the run's start and this call are on disk first, so that a
        // restart records the call as interrupted instead of running the message again
        hub.flush();
        long started = System.nanoTime();
        ToolResult result = tools.execute(call, context);
        finishCall(hub, run, record, result.status(), result.output());
        metrics.toolCall(label(call, tools), result.status().wire(), (System.nanoTime() - started) / 1e9);
        return result;
    }

    /** The call's tool as a metric label: a name the model made up is not one (their number has no bound). */
    private static String label(ToolCall call, ToolBox tools) {
        return tools.offers(call.name()) ? call.name() : "unknown";
    }

    static void finishCall(EventHub hub, RunHandle run, ToolCallRecord record, ToolCallStatus status, String output) {
        run.output().putToolCall(record.with(status, output));
        hub.publish(run.taskId(), new EventData.ToolResultEvent(record.callId(), record.toolName(), status, output));
    }

    /** Calls cut off by cancel or failure are recorded as such, so history never shows them executing. */
    void closeUnfinishedCalls(RunHandle run, RunOutcome outcome) {
        List<ToolCallRecord> open = run.output().unfinishedCalls();
        if (open.isEmpty()) return;
        boolean cancelled = outcome.status() == TaskStatus.CANCELLED;
        String why = run.cancelReason() == CancelReason.SUPERSEDED
                ? "Rejected: superseded by a new message"
                : cancelled
                        ? "Cancelled: the task was cancelled"
                        : outcome.error() == null
                                ? "Error: the run ended before this call did"
                                : "Error: " + outcome.error().message();
        for (ToolCallRecord call : open) {
            finishCall(hub, run, call, cancelled ? ToolCallStatus.CANCELLED : ToolCallStatus.ERROR, why);
        }
    }
}
