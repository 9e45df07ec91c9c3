package dev.agentd.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.secrets.Masker;
import dev.agentd.store.Database;
import dev.agentd.store.MessageDao;
import dev.agentd.store.TaskDao;
import dev.agentd.store.TaskRow;
import dev.agentd.tasks.Approvals;
import dev.agentd.tasks.RunOutcome;
import dev.agentd.tasks.Session;
import dev.agentd.tasks.Sessions;
import dev.agentd.tasks.TaskStates;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import dev.agentd.workspace.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run loop of agent.md §1: ask the model, run the tools it asks for, repeat, persist, end. */
public final class AgentLoop {
    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

    private final Database database;
    private final EventHub hub;
    private final TaskStates states;
    private final Sessions sessions;
    private final ApprovalGate gate;
    private final Model model;
    private final ToolBox tools;
    private final Workspaces workspaces;
    private final ObjectMapper json;
    private final int maxSteps;
    /** Run slots; a run waiting for a person gives its slot back. */
    private final RunSlots slots;
    private final String basePrompt;

    public AgentLoop(Database database, EventHub hub, TaskStates states, Sessions sessions, Approvals approvals, Model model,
            ToolBox tools, Workspaces workspaces, ObjectMapper json, int maxSteps, int maxConcurrentRuns, int maxRunsPerKey) {
        this.slots = new RunSlots(maxConcurrentRuns, maxRunsPerKey);
        this.gate = new ApprovalGate(approvals, states, hub, slots);
        this.database = database;
        this.hub = hub;
        this.states = states;
        this.sessions = sessions;
        this.model = model;
        this.tools = tools;
        this.workspaces = workspaces;
        this.json = json;
        this.maxSteps = maxSteps;
        this.basePrompt = resource("/prompts/system.md");
    }

    /** Runs {@code run} to its end, waiting for a run slot first; never throws. */
    void run(RunHandle run) {
        Usage usage = new Usage();
        RunOutcome outcome;
        try {
            if (!slots.tryAcquire(run.owner())) {
                hub.publish(run.taskId(), "status", new EventData.Status("queued", "Waiting for a free run slot"));
                slots.acquire(run.owner());
            }
            try {
                outcome = steps(run, usage);
            } finally {
                slots.release(run.owner());
            }
        } catch (ApprovalGate.StillAwaiting e) {
            log.info("run {} of task {} stays awaiting approval across the restart", run.runId(), run.taskId());
            return;
        } catch (InterruptedException e) {
            outcome = interrupted(run);
        } catch (ModelException e) {
            outcome = RunOutcome.failed("MODEL_ERROR", e.getMessage());
        } catch (RuntimeException e) {
            log.error("run {} of task {} failed", run.runId(), run.taskId(), e);
            outcome = RunOutcome.failed("INTERNAL_ERROR", "The run failed unexpectedly");
        }
        Masker masker = run.masker();
        outcome = new RunOutcome(outcome.status(), outcome.errorCode(), masker.mask(outcome.errorMessage()));
        closeUnfinishedCall(run, outcome);
        states.finish(run.taskId(), run.runId(), run.output().snapshot(), outcome, usage.prompt, usage.completion);
        log.info("run {} of task {} ended: {}", run.runId(), run.taskId(), outcome.status());
    }

    private RunOutcome steps(RunHandle run, Usage usage) throws InterruptedException {
        TaskRow task = run.task();
        log.info("run {} of task {} {}", run.runId(), run.taskId(), run.resume() == null ? "started" : "resumed");
        Session session;
        if (run.resume() != null) {
            session = restore(run, run.resume().memory());
        } else {
            states.running(run.taskId());
            session = session(run);
        }
        run.masker(new Masker(session.secrets().values(), json));
        ToolContext context = new ToolContext(run.taskId(), workspaces.of(run.taskId()), environment(task, session),
                run.masker());
        if (run.resume() != null) {
            for (ToolCall call : run.resume().waitingCalls()) {
                runCall(run, call, context, session, gate.awaitDecision(run, call, session));
            }
        } else {
            hub.publish(run.taskId(), "status", new EventData.Status("processing", "Processing your request"));
        }
        String system = task.systemPrompt() == null || task.systemPrompt().isBlank()
                ? basePrompt : task.systemPrompt() + "\n\n" + basePrompt;
        for (int step = 0; step < maxSteps; step++) {
            TurnStream stream = new TurnStream(hub, run.taskId(), run.output(), run.masker());
            ModelTurn turn;
            try {
                turn = model.next(new ModelRequest(system, List.copyOf(session.memory()), tools.specs()), stream);
            } finally {
                stream.end();
            }
            usage.prompt += turn.promptTokens();
            usage.completion += turn.completionTokens();
            session.memory().add(ChatMessage.assistant(turn.text(), turn.toolCalls()));
            session.touch();
            if (turn.toolCalls().isEmpty()) return RunOutcome.completed();
            for (ToolCall call : turn.toolCalls()) {
                Optional<ToolResult> declined = task.autoExecute() || session.grants().contains(call.name())
                        ? Optional.empty() : gate.ask(run, call, session);
                runCall(run, call, context, session, declined);
            }
        }
        return RunOutcome.failed("MAX_STEPS", "The run stopped after " + maxSteps + " model turns");
    }

    /** Runs the call unless it was declined, and gives its result to the model. */
    private void runCall(RunHandle run, ToolCall call, ToolContext context, Session session,
            Optional<ToolResult> declined) throws InterruptedException {
        if (declined.isPresent()) {
            ToolCallRecord record = new ToolCallRecord(call.id(), call.name(), "awaiting_approval",
                    run.masker().mask(call.args()), null);
            finishCall(run, record, declined.get().status(), declined.get().output());
        }
        ToolResult result = declined.isPresent() ? declined.get() : execute(run, call, context);
        session.memory().add(ChatMessage.toolResult(call.id(), call.name(), result.output()));
        session.touch();
    }

    private ToolResult execute(RunHandle run, ToolCall call, ToolContext context) throws InterruptedException {
        Masker masker = run.masker();
        ToolCallRecord record = new ToolCallRecord(call.id(), call.name(), "executing", masker.mask(call.args()), null);
        run.output().putToolCall(record);
        hub.publish(run.taskId(), "tool_call", new EventData.ToolCallData(call.id(), call.name(), "executing", record.args()));
        // a tool acts on the world: the run's start and this call are on disk first, so that a
        // restart records the call as interrupted instead of running the message again
        hub.flush();
        ToolResult result = tools.execute(call, context);
        finishCall(run, record, result.status(), result.output());
        return result;
    }

    private void finishCall(RunHandle run, ToolCallRecord record, String status, String output) {
        run.output().putToolCall(record.with(status, output));
        hub.publish(run.taskId(), "tool_result", new EventData.ToolResultData(record.callId(), record.toolName(), status, output));
    }

    /** A call cut off by cancel or failure is recorded as such, so history never shows it executing. */
    private void closeUnfinishedCall(RunHandle run, RunOutcome outcome) {
        ToolCallRecord open = run.output().unfinishedCall();
        if (open == null) return;
        boolean cancelled = outcome.status().equals("cancelled");
        String why = RunHandle.SUPERSEDED.equals(run.cancelReason()) ? "Rejected: superseded by a new message"
                : cancelled ? "Cancelled: the task was cancelled" : "Error: " + outcome.errorMessage();
        finishCall(run, open, cancelled ? "cancelled" : "error", why);
    }

    private Session session(RunHandle run) {
        Session live = sessions.get(run.taskId()).orElse(null);
        if (live != null) {
            live.memory().add(run.userMessage());
            live.secrets().putAll(run.secrets());
            return live;
        }
        hub.publish(run.taskId(), "status", new EventData.Status("restoring", "Restoring session…"));
        var history = database.dao(MessageDao.class).page(run.taskId(), 0, Integer.MAX_VALUE);
        return restore(run, Conversation.fromHistory(history, json));
    }

    /** A new session with {@code memory}, the workspace as it is, and the run's secrets. */
    private Session restore(RunHandle run, List<ChatMessage> memory) {
        Session restored = new Session(UUID.randomUUID().toString(), memory);
        restored.secrets().putAll(run.secrets());
        database.dao(TaskDao.class).setSession(restored.id(), run.taskId());
        sessions.put(run.taskId(), restored);
        return restored;
    }

    private Map<String, String> environment(TaskRow task, Session session) {
        Map<String, String> env = new HashMap<>();
        if (task.env() != null) {
            try {
                json.readTree(task.env()).properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        env.putAll(session.secrets());
        return env;
    }

    private static RunOutcome interrupted(RunHandle run) {
        if (RunHandle.SHUTDOWN.equals(run.cancelReason())) {
            return RunOutcome.failed("INTERRUPTED", "The run was interrupted by a server shutdown");
        }
        if (RunHandle.SUPERSEDED.equals(run.cancelReason())) return RunOutcome.cancelled("Superseded by a new message");
        return RunOutcome.cancelled(RunHandle.CANCELLED);
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
    }
}
