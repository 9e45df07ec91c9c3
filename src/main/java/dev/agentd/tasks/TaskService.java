package dev.agentd.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.auth.Principal;
import dev.agentd.domain.ApprovalOutcome;
import dev.agentd.domain.CancelReason;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.domain.IfBusy;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.events.EventHub;
import dev.agentd.events.PerTask;
import dev.agentd.model.ChatMessage;
import dev.agentd.runner.Approvals;
import dev.agentd.runner.RunHandle;
import dev.agentd.runner.RunListener;
import dev.agentd.runner.RunOutcome;
import dev.agentd.runner.RunOutput;
import dev.agentd.runner.Runner;
import dev.agentd.runner.Session;
import dev.agentd.runner.Sessions;
import dev.agentd.store.FollowUpStore;
import dev.agentd.store.MessageStore;
import dev.agentd.store.RunStore;
import dev.agentd.store.Store;
import dev.agentd.store.TaskStore;
import dev.agentd.workspace.AttachedFile;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.Workspaces;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The task lifecycle: create, follow-up (queue, reject, interrupt), cancel, approve, and starting
 * each run in order. One lock per task orders everything that decides whether a run is active. The
 * runs report to it ({@link RunListener}), and it moves the task's states ({@link TaskStates}).
 */
public final class TaskService implements RunListener {
    private final Store store;
    private final EventHub hub;
    private final Runner runner;
    private final TaskStates states;
    private final Sessions sessions;
    private final Approvals approvals;
    private final Workspaces workspaces;
    private final Uploads uploads;
    private final ObjectMapper json;
    private final PerTask<ReentrantLock> locks = new PerTask<>(id -> new ReentrantLock(), lock -> lock);
    /** A message that interrupts the active run, to run as soon as that run has ended. */
    private final ConcurrentHashMap<String, Interrupt> pendingInterrupts = new ConcurrentHashMap<>();
    /** Secrets sent with queued follow-ups, in memory only, handed to the next run of the task. */
    private final ConcurrentHashMap<String, Map<String, String>> waitingSecrets = new ConcurrentHashMap<>();
    /**
     * Tasks that may have queued follow-ups. Every queued message is stored by this process or found
     * at start-up ({@link #resumeQueue}), so a run of any other task ends without looking.
     */
    private final Set<String> mayHaveQueue = ConcurrentHashMap.newKeySet();

    private record Interrupt(String message, List<AttachedFile> attached, Map<String, String> secrets) {}

    public TaskService(Store store, EventHub hub, Runner runner, Sessions sessions, Approvals approvals,
            Workspaces workspaces, Uploads uploads, ObjectMapper json) {
        this.store = store;
        this.hub = hub;
        this.runner = runner;
        this.states = new TaskStates(store, hub, json);
        this.sessions = sessions;
        this.approvals = approvals;
        this.workspaces = workspaces;
        this.uploads = uploads;
        this.json = json;
    }

    /** Creates a task and starts its first run in the background; a rejected upload creates nothing. */
    public Task create(Principal owner, NewTask request) {
        Instant now = Times.now();
        String id = Ids.uuid();
        Task task = new Task(id, new Task.Owner(owner.keyId(), owner.name()), Ids.uuid(),
                Ids.conversationId(now.toEpochMilli()), request.message(),
                new Task.Settings(request.systemPrompt(), request.showInHistory(), request.autoExecute(), request.env()),
                new Task.State(TaskStatus.PENDING, null, null, null, now, 1), now);
        Session session = new Session(task.sessionId(), List.of());
        if (request.secrets() != null) session.secrets().putAll(request.secrets());
        try (Uploads.Staged staged = uploads.stage(request.files())) {
            Workspace workspace = workspaces.of(id);
            try {
                List<AttachedFile> attached = staged.commitTo(workspace);
                // under the task's lock from the commit on: a follow-up sent as soon as the task is
                // visible waits until its first run is registered
                withLock(id, () -> {
                    store.tasks().create(new TaskStore.NewTask(task, EventHub.FIRST_SEQ_LIMIT),
                            MessageStore.NewMessage.user(request.message(), now, json(attached)), EventHub.FIRST_SEQ);
                    sessions.put(id, session);
                    hub.openCreated(id, 1);
                    runner.start(new RunHandle(task, 1, ChatMessage.user(AttachedFile.modelText(request.message(), attached)),
                            Map.of()), this);
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
        Task task = find(caller, taskId);
        Map<String, String> secrets = request.secrets() == null ? Map.of() : request.secrets();
        try (Uploads.Staged staged = uploads.stage(request.files())) {
            return withLock(taskId, () -> {
                Optional<RunHandle> active = runner.active(taskId);
                if (active.isPresent() && request.ifBusy() == IfBusy.REJECT) {
                    throw ApiException.busy("The task is busy; retry when its run has ended, "
                            + "or send ifBusy=queue or ifBusy=interrupt");
                }
                List<AttachedFile> attached = staged.commitTo(workspaces.of(taskId));
                if (active.isEmpty()) {
                    store.messages().append(taskId, MessageStore.NewMessage.user(request.message(), Times.now(),
                            json(attached)));
                    startRun(task, AttachedFile.modelText(request.message(), attached), secrets);
                    return TaskStatus.RUNNING.wire();
                }
                if (request.ifBusy() == IfBusy.INTERRUPT && !pendingInterrupts.containsKey(taskId)) {
                    pendingInterrupts.put(taskId, new Interrupt(request.message(), attached, secrets));
                    active.get().cancel(CancelReason.SUPERSEDED);
                    return TaskStatus.RUNNING.wire();
                }
                mayHaveQueue.add(taskId);
                store.followUps().add(taskId, request.message(), json(attached), Times.now());
                if (!secrets.isEmpty()) waitingSecrets.merge(taskId, Map.copyOf(secrets), TaskService::union);
                hub.publish(taskId, new EventData.Status(EventData.StatusKind.QUEUED,
                        "Follow-up queued; it runs after the current run"));
                return "queued";
            });
        }
    }

    /**
     * Cancels the task's active run (pending, running or awaiting approval) and its queued
     * follow-ups, and waits briefly for the run to record its end. Idempotent on a cancelled task.
     */
    public void cancel(Principal caller, String taskId) {
        Task task = find(caller, taskId);
        RunHandle run = withLock(taskId, () -> {
            Optional<RunHandle> active = runner.active(taskId);
            if (active.isEmpty()) {
                if (task.status() == TaskStatus.CANCELLED || task.status().busy()) return null;
                throw ApiException.invalidState("A " + task.status().wire() + " task cannot be cancelled");
            }
            pendingInterrupts.remove(taskId);
            waitingSecrets.remove(taskId);
            store.followUps().removeAll(taskId);
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

    /** The task, if {@code caller} owns it; otherwise 404, never 403. */
    public Task find(Principal caller, String taskId) {
        return store.tasks().find(taskId)
                .filter(t -> t.owner().keyId().equals(caller.keyId()))
                .orElseThrow(() -> ApiException.notFound("Task"));
    }

    /** Starts the next queued follow-up of a task that has no active run (start-up recovery). */
    void resumeQueue(Task task) {
        withLock(task.id(), () -> {
            mayHaveQueue.add(task.id());
            if (runner.active(task.id()).isEmpty()) startNextFollowUp(task);
            return null;
        });
    }

    /** Continues a run found waiting for approval at start-up; {@code earlier} are its persisted events. */
    void resumeAwaiting(RunHandle run, long firstSeq, List<Event> earlier) {
        withLock(run.taskId(), () -> {
            hub.resumeRun(run.taskId(), run.runId(), firstSeq, earlier);
            runner.start(run, this);
            return null;
        });
    }

    /** Starts run {@code runId} of a task found pending at start-up, for its last user message. */
    void restartPending(Task task, long runId, String modelText) {
        withLock(task.id(), () -> {
            if (runner.active(task.id()).isEmpty()) {
                hub.openRun(task.id(), runId);
                runner.start(new RunHandle(task, runId, ChatMessage.user(modelText), Map.of()), this);
            }
            return null;
        });
    }

    /** Ends a run cut by a restart (start-up recovery), keeping what it produced. */
    void endInterrupted(String taskId, long runId, RunOutput.Snapshot output, RunOutcome outcome) {
        states.finish(taskId, runId, output, outcome, new RunStore.Usage(0, 0));
    }

    @Override
    public void running(RunHandle run) {
        states.running(run.taskId());
    }

    @Override
    public void awaitingApproval(RunHandle run) {
        states.move(run.taskId(), TaskStatus.AWAITING_APPROVAL);
    }

    @Override
    public void approved(RunHandle run) {
        states.move(run.taskId(), TaskStatus.RUNNING);
    }

    /** The run's end is recorded, then the task's next message runs: an interrupting one, else the next queued. */
    @Override
    public void ended(RunHandle run, RunOutcome outcome, RunOutput.Snapshot output, RunStore.Usage usage) {
        states.finish(run.taskId(), run.runId(), output, outcome, usage);
        sessions.get(run.taskId()).ifPresent(Session::touch);
        withLock(run.taskId(), () -> {
            Interrupt interrupt = pendingInterrupts.remove(run.taskId());
            if (interrupt != null && !runner.closing()) {
                store.messages().append(run.taskId(), MessageStore.NewMessage.user(interrupt.message(), Times.now(),
                        json(interrupt.attached())));
                startRun(run.task(), AttachedFile.modelText(interrupt.message(), interrupt.attached()), interrupt.secrets());
            } else if (!startNextFollowUp(run.task())) {
                runner.release(run);
            }
            return null;
        });
    }

    private boolean startNextFollowUp(Task task) {
        String taskId = task.id();
        if (runner.closing() || !mayHaveQueue.contains(taskId)) return false;
        Optional<FollowUpStore.FollowUp> next = store.followUps().next(taskId);
        if (next.isEmpty()) {
            mayHaveQueue.remove(taskId);
            return false;
        }
        FollowUpStore.FollowUp f = next.get();
        store.useTransaction(s -> {
            s.messages().append(taskId, MessageStore.NewMessage.user(f.content(), Times.now(), f.attachedFilesJson()));
            s.followUps().remove(f.id());
        });
        Map<String, String> secrets = waitingSecrets.remove(taskId);
        List<AttachedFile> attached = AttachedFile.fromJson(json, f.attachedFilesJson());
        startRun(task, AttachedFile.modelText(f.content(), attached), secrets == null ? Map.of() : secrets);
        return true;
    }

    private void startRun(Task task, String modelText, Map<String, String> secrets) {
        long runId = states.pending(task.id());
        long firstSeq = hub.openRun(task.id(), runId);
        store.runs().start(task.id(), runId, firstSeq, Times.now());
        runner.start(new RunHandle(task, runId, ChatMessage.user(modelText), secrets), this);
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new HashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }

    /**
     * Lets go of what is kept in memory for tasks that are idle right now: their locks and event
     * channels, made again on next use (session expiry calls it on every sweep).
     */
    void releaseIdle() {
        locks.release(lock -> true);
        hub.releaseIdle();
    }

    private <T> T withLock(String taskId, Supplier<T> action) {
        ReentrantLock lock = locks.lock(taskId);
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private String json(List<AttachedFile> attached) {
        if (attached.isEmpty()) return null;
        try {
            return json.writeValueAsString(attached);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
