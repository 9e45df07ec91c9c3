package dev.agentd.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.domain.EventData;
import dev.agentd.domain.EventData.SubagentToolStatus;
import dev.agentd.domain.EventData.TerminateReason;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.domain.ToolCallStatus;
import dev.agentd.events.EventHub;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;
import dev.agentd.model.TurnSink;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code delegate} tool of one run: a subagent works on an objective with its own prompt, model,
 * tools and step limit, in the run's workspace and sandbox, and its answer is the tool's result.
 * Its steps are {@code subagent_*} events; a call of its that needs a person waits as any call of
 * the run does (one such wait at a time), and cancel ends it as CANCELLED before the run ends.
 */
final class Delegation implements Tool {
    static final String NAME = "delegate";
    private static final Logger log = LoggerFactory.getLogger(Delegation.class);
    private static final String PROMPT = "You are a subagent: you work on one objective for the main agent, in the "
            + "same workspace (commands see it as /workspace), with the tools you are given. Work step by step; "
            + "your last answer, with no tool call, goes back to the main agent: say what you found or did.";

    /** What the run around the delegation gives it. */
    record Run(
            EventHub hub,
            ApprovalGate gate,
            RunHandle handle,
            RunListener listener,
            Session session,
            Predicate<ToolCall> needsPerson,
            Function<String, Model> models,
            Duration timeout) {}

    private final Run run;
    private final List<Subagents.Spec> subagents;
    private final ToolBox tools;
    private final ReentrantLock asking = new ReentrantLock();

    /** {@code tools}: the run's tools, of which each subagent gets those it names. */
    Delegation(Run run, List<Subagents.Spec> subagents, ToolBox tools) {
        this.run = run;
        this.subagents = List.copyOf(subagents);
        this.tools = tools;
    }

    @Override
    public ToolSpec spec() {
        StringBuilder list = new StringBuilder();
        for (Subagents.Spec s : subagents)
            list.append("\n- ").append(s.name()).append(": ").append(s.description());
        return new ToolSpec(
                NAME,
                "Give an objective to a subagent, which works on it with its own tools in the same workspace "
                        + "and returns its answer. Several delegations in one turn run side by side. Subagents:"
                        + list,
                Schema.object()
                        .property("agentName", "string", "The subagent's name", true)
                        .property("objective", "string", "What it is to do, with everything it needs to know", true)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) throws InterruptedException {
        Args args = new Args(arguments);
        String name = args.required("agentName");
        String objective = args.required("objective");
        Subagents.Spec spec = subagents.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ToolFailure("no subagent named '" + name + "' (there are: "
                        + String.join(
                                ", ",
                                subagents.stream().map(Subagents.Spec::name).toList()) + ")"));
        var masker = context.masker();
        publish(new EventData.SubagentStart(name, spec.displayName(), spec.description(), masker.mask(objective)));
        Finished end = supervise(spec, objective, context);
        publish(new EventData.SubagentEnd(name, end.reason(), masker.mask(end.result())));
        if (end.reason() == TerminateReason.CANCELLED) throw new InterruptedException();
        return end.reason() == TerminateReason.GOAL
                ? ToolResult.success(end.result())
                : ToolResult.error("the subagent " + name + " ended with " + end.reason() + ": " + end.result());
    }

    private record Finished(TerminateReason reason, String result) {}

    /** Runs the subagent on a thread of its own, so that its time limit holds whatever it waits on. */
    private Finished supervise(Subagents.Spec spec, String objective, ToolContext context) {
        CompletableFuture<Finished> done = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("subagent-" + spec.name()).start(() -> {
            try {
                done.complete(loop(spec, objective, context));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(run.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop(worker);
            return new Finished(TerminateReason.CANCELLED, "Cancelled: the task was cancelled");
        } catch (TimeoutException e) {
            stop(worker);
            return new Finished(
                    TerminateReason.TIMEOUT,
                    "It did not finish within " + run.timeout().toSeconds() + " s (AGENTD_SUBAGENT_TIMEOUT)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModelException m) return new Finished(TerminateReason.ERROR, m.getMessage());
            if (e.getCause() instanceof InterruptedException) {
                return new Finished(TerminateReason.CANCELLED, "Cancelled: the task was cancelled");
            }
            log.error("subagent {} of task {} failed", spec.name(), run.handle().taskId(), e.getCause());
            return new Finished(TerminateReason.ERROR, "The subagent failed unexpectedly");
        }
    }

    /** Interrupts the subagent and waits until it has stopped, whatever interrupts this thread meanwhile. */
    private static void stop(Thread worker) {
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private Finished loop(Subagents.Spec spec, String objective, ToolContext context) throws InterruptedException {
        Model model = run.models().apply(spec.model());
        ToolBox own = tools.only(spec.tools());
        List<ChatMessage> memory = new ArrayList<>(List.of(ChatMessage.user(objective)));
        String system = spec.systemPrompt() + "\n\n" + PROMPT;
        String last = "";
        for (int step = 0; step < spec.maxSteps(); step++) {
            ModelTurn turn = model.next(
                    new ModelRequest(system, List.copyOf(memory), own.specs()), new Sink(spec.name(), context));
            memory.add(ChatMessage.assistant(turn.text(), turn.toolCalls(), turn.reasoning()));
            last = turn.text();
            if (turn.toolCalls().isEmpty()) return new Finished(TerminateReason.GOAL, turn.text());
            for (ToolCall call : turn.toolCalls()) {
                memory.add(ChatMessage.toolResult(call.id(), call.name(), call(spec.name(), call, own, context)));
            }
        }
        return new Finished(TerminateReason.MAX_STEPS, "It stopped after " + spec.maxSteps() + " model turns. " + last);
    }

    /** One tool call of the subagent: asked about as the run's own would be, then run; its output for the model. */
    private String call(String agent, ToolCall asked, ToolBox own, ToolContext context) throws InterruptedException {
        ToolCall call = new ToolCall(agent + "-" + asked.id(), asked.name(), asked.args());
        boolean waited = own.offers(call.name()) && run.needsPerson().test(call);
        ToolCallRecord record = new ToolCallRecord(
                call.id(),
                call.name(),
                ToolCallStatus.AWAITING_APPROVAL,
                context.masker().mask(call.args()),
                null);
        ToolResult result = new ToolResult(ToolCallStatus.CANCELLED, "Cancelled: the subagent was stopped");
        try {
            Optional<ToolResult> declined = Optional.empty();
            if (waited) {
                asking.lockInterruptibly();
                try {
                    declined = run.gate().ask(run.handle(), run.listener(), call, run.session(), false);
                } catch (InterruptedException e) {
                    // stopped while it waited (its time limit, or cancel): the task waits no more
                    run.listener().approved(run.handle());
                    throw e;
                } finally {
                    asking.unlock();
                }
            }
            publish(new EventData.SubagentTool(agent, SubagentToolStatus.START, call.name(), null));
            result = declined.isPresent() ? declined.get() : own.execute(call, context);
            publish(new EventData.SubagentTool(agent, SubagentToolStatus.END, call.name(), result.output()));
            return result.output();
        } finally {
            // the call a person saw waiting is shown as it ended, whatever ended it
            if (waited) ToolCalls.finishCall(run.hub(), run.handle(), record, result.status(), result.output());
        }
    }

    private void publish(EventData event) {
        run.hub().publish(run.handle().taskId(), event);
    }

    /** A subagent's turn: its reasoning streamed as subagent_thought, its text kept for its answer. */
    private final class Sink implements TurnSink {
        private final String agent;
        private final ToolContext context;

        Sink(String agent, ToolContext context) {
            this.agent = agent;
            this.context = context;
        }

        @Override
        public void content(String piece) {
            // the answer goes back whole, in subagent_end and as the tool's result
        }

        @Override
        public void thought(String subject, String description) {
            String text = subject == null || subject.isBlank() ? description : subject + ": " + description;
            publish(new EventData.SubagentThought(agent, context.masker().mask(text)));
        }

        @Override
        public void retrying(String message) {
            publish(new EventData.Status(
                    EventData.StatusKind.RETRYING,
                    agent + ": " + context.masker().mask(message)));
        }
    }
}
