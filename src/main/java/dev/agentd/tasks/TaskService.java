package dev.agentd.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.auth.Principal;
import dev.agentd.auth.RateLimits;
import dev.agentd.cluster.Cluster;
import dev.agentd.domain.ApprovalOutcome;
import dev.agentd.domain.CancelReason;
import dev.agentd.domain.IfBusy;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.events.EventHub;
import dev.agentd.model.ChatMessage;
import dev.agentd.runner.Approvals;
import dev.agentd.runner.RunHandle;
import dev.agentd.runner.Runner;
import dev.agentd.runner.Session;
import dev.agentd.runner.Sessions;
import dev.agentd.settings.ProjectSettings;
import dev.agentd.settings.Settings;
import dev.agentd.store.MessageStore;
import dev.agentd.store.Store;
import dev.agentd.store.TaskStore;
import dev.agentd.webhooks.Webhooks;
import dev.agentd.workspace.AttachedFile;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.Workspaces;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task lifecycle as the API asks for it: create, follow-up (queue, reject, interrupt), cancel,
 * approve. What runs when is {@link RunLifecycle}'s; one lock per task orders both.
 */
public final class TaskService {
    private final Store store;
    private final EventHub hub;
    private final Runner runner;
    private final Sessions sessions;
    private final Approvals approvals;
    private final Workspaces workspaces;
    private final Uploads uploads;
    private final ObjectMapper json;
    private final RateLimits rates;
    private final int endUserMaxRuns;
    private final TaskLocks locks = new TaskLocks();
    private final RunLifecycle lifecycle;
    private final Recovery recovery;

    private final Settings settings;
    private final Webhooks webhooks;
    private final List<String> models;
    private final Cluster cluster;

    public TaskService(
            Store store,
            EventHub hub,
            Runner runner,
            Sessions sessions,
            Approvals approvals,
            Workspaces workspaces,
            Uploads uploads,
            ObjectMapper json,
            RateLimits rates,
            int endUserMaxRuns,
            Settings settings,
            List<String> models,
            Webhooks webhooks,
            Cluster cluster) {
        this.cluster = cluster;
        this.settings = settings;
        this.webhooks = webhooks;
        this.models = models;
        this.rates = rates;
        this.endUserMaxRuns = endUserMaxRuns;
        this.store = store;
        this.hub = hub;
        this.runner = runner;
        this.sessions = sessions;
        this.approvals = approvals;
        this.workspaces = workspaces;
        this.uploads = uploads;
        this.json = json;
        this.lifecycle =
                new RunLifecycle(store, hub, runner, new TaskStates(store, hub, json, webhooks), sessions, locks, json);
        this.recovery = new Recovery(store, hub, lifecycle, json);
    }

    /** Repairs every task a previous process left (a node alone on its store, at start-up). */
    public void recoverAll() {
        recovery.run(id -> true);
    }

    /**
     * Takes over {@code taskIds} from a node gone (or from this node before its restart): their runs
     * end or go on as after a restart, and those left with nothing to run are let go of.
     */
    public void inherit(Set<String> taskIds) {
        recovery.run(taskIds::contains);
        taskIds.forEach(this::letGoIfIdle);
    }

    /**
     * When no run of the task is active here (its session ended, or it was inherited with nothing to
     * run), lets go of it, so that another node may serve it from now on.
     */
    void letGoIfIdle(String taskId) {
        locks.withLock(taskId, () -> {
            if (runner.active(taskId).isEmpty()) cluster.release(taskId);
            return null;
        });
    }

    /** Creates a task and starts its first run in the background; a rejected upload creates nothing. */
    public Task create(Principal owner, NewTask request) {
        admit(owner);
        Instant now = Times.now();
        String id = Ids.uuid();
        ProjectSettings project = settings.of(owner.owner().projectId());
        Task task = new Task(
                id,
                owner.owner(),
                Ids.uuid(),
                Ids.conversationId(now.toEpochMilli()),
                request.message(),
                new Task.Settings(
                        request.systemPrompt(),
                        request.showInHistory(),
                        request.autoExecute() != null
                                ? request.autoExecute()
                                : !Boolean.FALSE.equals(project.autoExecute()),
                        request.env(),
                        chosenModel(request.model(), project),
                        webhooks.target(request.webhookUrl(), project)),
                new Task.State(TaskStatus.PENDING, null, null, null, now, 1),
                now);
        Session session = new Session(task.sessionId(), List.of());
        if (request.secrets() != null) session.secrets().putAll(request.secrets());
        try (Uploads.Staged staged = uploads.stage(request.files())) {
            Workspace workspace = workspaces.of(id);
            try {
                List<AttachedFile> attached = staged.commitTo(workspace);
                // under the task's lock from the commit on: a follow-up sent as soon as the task is
                // visible waits until its first run is registered
                locks.withLock(id, () -> {
                    store.tasks()
                            .create(
                                    new TaskStore.NewTask(task, EventHub.FIRST_SEQ_LIMIT),
                                    MessageStore.NewMessage.user(
                                            request.message(), now, AttachedFile.toJson(json, attached)),
                                    EventHub.FIRST_SEQ);
                    cluster.hold(id);
                    sessions.put(id, session);
                    hub.openCreated(id, 1);
                    String modelText = AttachedFile.modelText(request.message(), attached);
                    runner.start(new RunHandle(task, 1, ChatMessage.user(modelText), Map.of()), lifecycle);
                    return null;
                });
            } catch (RuntimeException e) {
                Uploads.deleteTree(workspace.root());
                throw e;
            }
        }
        return task;
    }

    /**
     * Adds a user message to the task: runs it now, or, while a run is active, queues it, rejects it
     * or interrupts the active run, as {@code ifBusy} says. Returns the status it answers with
     * (running or queued). A second interrupt before the first has taken effect is queued behind it,
     * so no message is lost.
     */
    public String followUp(Principal caller, String taskId, FollowUp request) {
        Task found = find(caller, taskId);
        admit(caller);
        Task task = latestGrant(caller, found);
        Map<String, String> secrets = request.secrets() == null ? Map.of() : request.secrets();
        String model = chosenModel(request.model(), settings.of(task.owner().projectId()));
        try (Uploads.Staged staged = uploads.stage(request.files())) {
            return locks.withLock(taskId, () -> {
                Optional<RunHandle> active = runner.active(taskId);
                if (active.isPresent() && request.ifBusy() == IfBusy.REJECT) {
                    throw ApiException.busy("The task is busy; retry when its run has ended, "
                            + "or send ifBusy=queue or ifBusy=interrupt");
                }
                List<AttachedFile> attached = staged.commitTo(workspaces.of(taskId));
                if (active.isEmpty()) {
                    if (model != null) store.tasks().setModel(taskId, model);
                    store.messages()
                            .append(
                                    taskId,
                                    MessageStore.NewMessage.user(
                                            request.message(), Times.now(), AttachedFile.toJson(json, attached)));
                    lifecycle.startRun(task, AttachedFile.modelText(request.message(), attached), secrets);
                    return TaskStatus.RUNNING.wire();
                }
                if (request.ifBusy() == IfBusy.INTERRUPT
                        && lifecycle.interruptWith(
                                taskId, new RunLifecycle.Interrupt(request.message(), attached, secrets, model))) {
                    active.get().cancel(CancelReason.SUPERSEDED);
                    return TaskStatus.RUNNING.wire();
                }
                // a queued follow-up's model applies when it runs: a cancelled queue changes nothing
                lifecycle.queue(taskId, request.message(), AttachedFile.toJson(json, attached), secrets, model);
                return "queued";
            });
        }
    }

    /**
     * {@code model} when a task of the project may choose it [extension]: one of AGENTD_MODELS, or the
     * project's own; null when none is asked for.
     *
     * @throws ApiException VALIDATION_ERROR naming the models it may choose
     */
    private String chosenModel(String model, ProjectSettings project) {
        if (model == null || model.isBlank()) return null;
        Set<String> allowed = new LinkedHashSet<>(models);
        String own = project.model();
        if (own != null) allowed.add(own);
        if (!allowed.contains(model.strip())) {
            throw ApiException.validation("model must be one of " + String.join(", ", allowed)
                    + " (AGENTD_MODELS, or the project's model); got '" + model.strip() + "'");
        }
        return model.strip();
    }

    /**
     * Deletes a finished task for good [extension]: its events, messages, runs and workspace.
     *
     * @throws ApiException 409 INVALID_STATE while it is pending, running or awaiting approval
     */
    public void purge(Principal caller, String taskId) {
        Task task = find(caller, taskId);
        locks.withLock(taskId, () -> {
            if (task.status().busy() || runner.active(taskId).isPresent()) {
                throw ApiException.invalidState(
                        "A " + task.status().wire() + " task cannot be deleted; cancel it first");
            }
            Retention.purge(store, workspaces, taskId);
            var session = sessions.all().remove(taskId);
            if (session != null) session.close();
            return null;
        });
    }

    /**
     * Cancels the task's active run (pending, running or awaiting approval) and its queued
     * follow-ups, and waits briefly for the run to record its end. Idempotent on a cancelled task.
     */
    public void cancel(Principal caller, String taskId) {
        Task task = find(caller, taskId);
        RunHandle run = locks.withLock(taskId, () -> {
            Optional<RunHandle> active = runner.active(taskId);
            if (active.isEmpty()) {
                if (task.status() == TaskStatus.CANCELLED || task.status().busy()) return null;
                throw ApiException.invalidState("A " + task.status().wire() + " task cannot be cancelled");
            }
            lifecycle.clearNext(taskId);
            active.get().cancel(CancelReason.CANCELLED);
            return active.get();
        });
        if (run != null) run.awaitEnd(5000);
    }

    /**
     * Settles a tool call that waits for approval.
     *
     * @return whether the call may run
     * @throws ApiException 404 when the call is unknown or not waiting
     */
    public boolean approve(Principal caller, String taskId, String callId, ApprovalOutcome outcome) {
        find(caller, taskId);
        if (!approvals.decide(taskId, callId, outcome)) {
            throw ApiException.notFound("Tool call " + callId + " awaiting approval");
        }
        return outcome != ApprovalOutcome.CANCEL;
    }

    /**
     * Lets a widget end user's request in, or refuses it with 429: their rate and their app's, and
     * their runs at once. Keys are not limited here.
     */
    private void admit(Principal caller) {
        rates.take(caller);
        if (caller instanceof Principal.EndUser && runner.activeOf(caller.owner()) >= endUserMaxRuns) {
            throw ApiException.rateLimited(
                    "At most " + endUserMaxRuns + " runs at once per end user (AGENTD_END_USER_MAX_RUNS)", 5);
        }
    }

    /** The task under the grant of the end user's current token, which its runs take env and secrets from. */
    private Task latestGrant(Principal caller, Task task) {
        if (!(caller instanceof Principal.EndUser user)
                || user.grantId().equals(task.owner().grantId())) return task;
        store.tasks().setGrant(task.id(), user.grantId());
        return task.withGrant(user.grantId());
    }

    /** The task, if {@code caller} owns it; otherwise 404, never 403. */
    public Task find(Principal caller, String taskId) {
        return store.tasks()
                .find(taskId)
                .filter(t -> caller.owns(t.owner()))
                .orElseThrow(() -> ApiException.notFound("Task"));
    }

    /**
     * Lets go of what is kept in memory for tasks that are idle right now: their locks and event
     * channels, made again on next use (session expiry calls it on every sweep).
     */
    void releaseIdle() {
        locks.releaseIdle();
        hub.releaseIdle();
    }
}
