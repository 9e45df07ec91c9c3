package dev.agentd.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.CancelReason;
import dev.agentd.domain.EventData;
import dev.agentd.domain.FailureCode;
import dev.agentd.domain.Output;
import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.events.EventHub;
import dev.agentd.metrics.Metrics;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;
import dev.agentd.secrets.Masker;
import dev.agentd.settings.ProjectSettings;
import dev.agentd.store.RunStore;
import dev.agentd.store.Store;
import dev.agentd.tools.ToolContext;
import dev.agentd.workspace.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run loop of agent.md §1: ask the model, run the tools it asks for, repeat, and say how it ended. */
final class AgentLoop {
    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

    /** How a run ended, for its listener; null when it stays waiting for approval across a stop. */
    record End(RunOutcome outcome, Output output, RunStore.Usage usage) {}

    private final Store store;
    private final EventHub hub;
    private final Sessions sessions;
    private final ApprovalGate gate;
    private final RunSetup setup;
    private final ToolCalls calls;
    private final Agent agent;
    private final Workspaces workspaces;
    private final OwnerVariables ownerVariables;
    private final ObjectMapper json;
    /** Run slots; a run waiting for a person gives its slot back. */
    private final RunSlots slots;

    private final String basePrompt;
    private final Metrics metrics;

    AgentLoop(
            Store store,
            EventHub hub,
            Sessions sessions,
            Approvals approvals,
            Agent agent,
            Workspaces workspaces,
            OwnerVariables ownerVariables,
            ObjectMapper json,
            RunSlots slots,
            Metrics metrics) {
        this.metrics = metrics;
        this.ownerVariables = ownerVariables;
        this.store = store;
        this.hub = hub;
        this.sessions = sessions;
        this.slots = slots;
        this.gate = new ApprovalGate(approvals, hub, slots);
        this.setup = new RunSetup(agent, hub, gate);
        this.calls = new ToolCalls(hub, gate, metrics);
        this.agent = agent;
        this.workspaces = workspaces;
        this.json = json;
        this.basePrompt = resource("/prompts/system.md");
    }

    /** Runs {@code run} to its end, waiting for a run slot first, telling {@code listener} as it goes; never throws. */
    End run(RunHandle run, RunListener listener) {
        Usage usage = new Usage();
        RunOutcome outcome;
        long started = 0;
        try {
            if (!slots.tryAcquire(run.owner())) {
                hub.publish(
                        run.taskId(), new EventData.Status(EventData.StatusKind.QUEUED, "Waiting for a free run slot"));
                slots.acquire(run.owner());
            }
            metrics.runStarted();
            started = System.nanoTime();
            try {
                outcome = steps(run, listener, usage);
            } finally {
                slots.release(run.owner());
            }
        } catch (ApprovalGate.StillAwaiting e) {
            log.info("run {} of task {} stays awaiting approval across the restart", run.runId(), run.taskId());
            return null;
        } catch (InterruptedException e) {
            outcome = interrupted(run);
        } catch (ModelException e) {
            outcome = RunOutcome.failed(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("run {} of task {} failed", run.runId(), run.taskId(), e);
            outcome = RunOutcome.failed(FailureCode.INTERNAL_ERROR, "The run failed unexpectedly");
        }
        if (outcome.error() != null) {
            outcome = new RunOutcome(
                    outcome.status(),
                    new RunError(
                            outcome.error().code(),
                            run.masker().mask(outcome.error().message())));
        }
        calls.closeUnfinishedCalls(run, outcome);
        if (started != 0) metrics.runEnded(outcome.status().wire(), (System.nanoTime() - started) / 1e9);
        if (outcome.status() == TaskStatus.CANCELLED) sessions.get(run.taskId()).ifPresent(Session::close);
        log.info(
                "run {} of task {} ended: {}",
                run.runId(),
                run.taskId(),
                outcome.status().wire());
        return new End(
                outcome,
                run.output().snapshot(),
                new RunStore.Usage(usage.prompt, usage.completion, usage.cached, usage.calls));
    }

    private RunOutcome steps(RunHandle run, RunListener listener, Usage usage) throws InterruptedException {
        Task task = run.task();
        log.info("run {} of task {} {}", run.runId(), run.taskId(), run.resume() == null ? "started" : "resumed");
        Session session;
        if (run.resume() != null) {
            session = restore(run, run.resume().memory());
        } else {
            listener.running(run);
            session = session(run);
        }
        OwnerVariables.Variables owned = ownerVariables.of(task.owner());
        List<String> secrets = new ArrayList<>(owned.secrets().values());
        secrets.addAll(session.secrets().values());
        run.masker(new Masker(secrets, json));
        Map<String, String> env = environment(task, owned, session);
        ToolContext context = new ToolContext(run.taskId(), workspaces.of(run.taskId()), env, run.masker());
        ProjectSettings project = agent.settings().of(task.owner().projectId());
        // a follow-up may have chosen another model for this run and later ones
        String chosen =
                store.tasks().find(run.taskId()).map(t -> t.settings().model()).orElse(null);
        Model model = agent.models().named(chosen != null ? chosen : project.model());
        if (run.resume() == null) {
            hub.publish(run.taskId(), new EventData.Status(EventData.StatusKind.PROCESSING, "Processing your request"));
        }
        RunTools tools = setup.tools(run, listener, project, session, context, model);
        if (run.resume() != null) {
            for (ToolCall call : run.resume().waitingCalls()) {
                ToolCalls.remember(
                        session,
                        call,
                        calls.runCall(
                                run, call, context, tools, gate.awaitDecision(run, listener, call, session, true)));
            }
        }
        String system = setup.prompt(project, task.settings().systemPrompt(), basePrompt, tools);
        ContextBudget budget = agent.budget(model);
        for (int step = 0; step < agent.maxSteps(); step++) {
            TurnStream stream = new TurnStream(hub, run.taskId(), run.output(), run.masker());
            ModelTurn turn;
            try {
                turn = ask(run, model, budget, session, system, tools.box().specs(), stream);
            } finally {
                stream.end();
            }
            usage.prompt += turn.promptTokens();
            usage.completion += turn.completionTokens();
            usage.cached += turn.cachedTokens();
            usage.calls++;
            session.memory().add(ChatMessage.assistant(turn.text(), turn.toolCalls(), turn.reasoning()));
            session.touch();
            if (turn.toolCalls().isEmpty()) return RunOutcome.completed();
            calls.callTools(run, listener, turn.toolCalls(), context, session, tools);
        }
        return RunOutcome.failed(FailureCode.MAX_STEPS, "The run stopped after " + agent.maxSteps() + " model turns");
    }

    /**
     * One model turn on the conversation as it fits the model's window; a provider that says it did
     * not fit gets one compacted retry.
     */
    private ModelTurn ask(
            RunHandle run,
            Model model,
            ContextBudget budget,
            Session session,
            String system,
            List<ToolSpec> specs,
            TurnStream stream)
            throws InterruptedException {
        List<ChatMessage> memory = List.copyOf(session.memory());
        if (budget == null) return model.next(new ModelRequest(system, memory, specs), stream);
        ContextBudget.State state = session.context();
        Consumer<String> status = m -> setup.status(run, m);
        List<ChatMessage> sent = budget.fit(state, model, system, memory, specs, false, status);
        ModelTurn turn;
        try {
            turn = model.next(new ModelRequest(system, sent, specs), stream);
        } catch (ModelException e) {
            if (!e.contextTooLong()) throw e;
            log.info(
                    "run {} of task {}: the provider found the request too long; compacting",
                    run.runId(),
                    run.taskId());
            sent = budget.fit(state, model, system, memory, specs, true, status);
            turn = model.next(new ModelRequest(system, sent, specs), stream);
        }
        budget.calibrate(state, turn);
        return turn;
    }

    void closeSessions() {
        sessions.closeAll();
    }

    private Session session(RunHandle run) {
        Session live = sessions.get(run.taskId()).orElse(null);
        if (live != null) {
            live.memory().add(run.userMessage());
            live.secrets().putAll(run.secrets());
            return live;
        }
        hub.publish(run.taskId(), new EventData.Status(EventData.StatusKind.RESTORING, "Restoring session…"));
        var history = store.messages().page(run.taskId(), 0, Integer.MAX_VALUE);
        return restore(run, Conversation.fromHistory(history, json));
    }

    /** A new session with {@code memory}, the workspace as it is, and the run's secrets. */
    private Session restore(RunHandle run, List<ChatMessage> memory) {
        Session restored = new Session(UUID.randomUUID().toString(), memory);
        restored.secrets().putAll(run.secrets());
        store.tasks().setSession(run.taskId(), restored.id());
        sessions.put(run.taskId(), restored);
        return restored;
    }

    /** The owner's env, the task's over it; then the owner's secrets, and the task's over those. */
    private static Map<String, String> environment(Task task, OwnerVariables.Variables owned, Session session) {
        Map<String, String> env = new HashMap<>(owned.env());
        if (task.settings().env() != null) env.putAll(task.settings().env());
        env.putAll(owned.secrets());
        env.putAll(session.secrets());
        return env;
    }

    private static RunOutcome interrupted(RunHandle run) {
        if (run.cancelReason() == CancelReason.SHUTDOWN) {
            return RunOutcome.failed(FailureCode.INTERRUPTED, "The run was interrupted by a server shutdown");
        }
        if (run.cancelReason() == CancelReason.SUPERSEDED) return RunOutcome.cancelled("Superseded by a new message");
        return RunOutcome.cancelled("Task cancelled");
    }

    private static String resource(String name) {
        try (InputStream in = AgentLoop.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Usage {
        long prompt;
        long completion;
        long cached;
        long calls;
    }
}
