package dev.agentd.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.errors.ApiException;
import dev.agentd.events.Event;
import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.events.PerTask;
import dev.agentd.model.ChatMessage;
import dev.agentd.runner.RunHandle;
import dev.agentd.runner.Runner;
import dev.agentd.store.ApiKeyRow;
import dev.agentd.store.Database;
import dev.agentd.store.FollowUpDao;
import dev.agentd.store.FollowUpRow;
import dev.agentd.store.MessageDao;
import dev.agentd.store.RunDao;
import dev.agentd.store.TaskDao;
import dev.agentd.store.TaskRow;
import dev.agentd.store.Times;
import dev.agentd.workspace.AttachedFile;
import dev.agentd.workspace.Uploads;
import dev.agentd.workspace.Workspace;
import dev.agentd.workspace.Workspaces;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The task lifecycle: create, follow-up (queue, reject, interrupt), cancel, and starting each run
 * in order. One lock per task orders everything that decides whether a run is active.
 */
public final class TaskService {
    private final Database database;
    private final EventHub hub;
    private final Runner runner;
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

    public TaskService(Database database, EventHub hub, Runner runner, Sessions sessions, Approvals approvals,
            Workspaces workspaces, Uploads uploads, ObjectMapper json) {
        this.approvals = approvals;
        this.database = database;
        this.hub = hub;
        this.runner = runner;
        this.sessions = sessions;
        this.workspaces = workspaces;
        this.uploads = uploads;
        this.json = json;
    }

    /** Creates a task and starts its first run in the background; a rejected upload creates nothing. */
    public TaskRow create(ApiKeyRow key, NewTask request) {
        Instant now = Times.now();
        String id = Ids.uuid();
        TaskRow row = new TaskRow(id, key.id(), key.name(), Ids.uuid(), Ids.conversationId(now.toEpochMilli()),
                TaskStatus.PENDING, request.message(), request.systemPrompt(), request.showInHistory(),
                request.autoExecute(), request.env() == null ? null : write(request.env()), null, null, now, null,
                null, now, 1);
        long runId = 1;
        Session session = new Session(row.sessionId(), List.of());
        if (request.secrets() != null) session.secrets().putAll(request.secrets());
        try (Uploads.Staged staged = uploads.stage(request.files())) {
            Workspace workspace = workspaces.of(id);
            try {
                List<AttachedFile> attached = staged.commitTo(workspace);
                // under the task's lock from the commit on: a follow-up sent as soon as the task is
                // visible waits until its first run is registered
                withLock(id, () -> {
                    database.useTransaction(db -> {
                        db.attach(TaskDao.class).insert(row, EventHub.FIRST_SEQ_LIMIT);
                        db.attach(MessageDao.class).insertAt(id, 0, "user", request.message(), now,
                                attached.isEmpty() ? null : write(attached), null, null);
                        db.attach(RunDao.class).start(id, runId, EventHub.FIRST_SEQ, now);
                    });
                    sessions.put(id, session);
                    hub.openCreated(id, runId, 1);
                    runner.start(new RunHandle(row, runId,
                            ChatMessage.user(AttachedFile.modelText(request.message(), attached)), Map.of()),
                            this::afterRun);
                    return null;
                });
            } catch (RuntimeException e) {
                Uploads.deleteTree(workspace.root());
                throw e;
            }
        }
        return row;
    }

    /**
     * Adds a user message to the task: runs it now, or, while a run is active, queues it, rejects it
     * or interrupts the active run, as {@code ifBusy} says. Returns "running" or "queued". A second
     * interrupt before the first has taken effect is queued behind it, so no message is lost.
     */
    public String followUp(ApiKeyRow key, String taskId, FollowUp request) {
        TaskRow task = find(key, taskId);
        Map<String, String> secrets = request.secrets() == null ? Map.of() : request.secrets();
        try (Uploads.Staged staged = uploads.stage(request.files())) {
            return withLock(taskId, () -> {
                Optional<RunHandle> active = runner.active(taskId);
                if (active.isPresent() && request.ifBusy().equals("reject")) {
                    throw ApiException.busy("The task is busy; retry when its run has ended, "
                            + "or send ifBusy=queue or ifBusy=interrupt");
                }
                List<AttachedFile> attached = staged.commitTo(workspaces.of(taskId));
                if (active.isEmpty()) {
                    appendUserMessage(taskId, request.message(), attached, Times.now());
                    startRun(task, AttachedFile.modelText(request.message(), attached), secrets);
                    return TaskStatus.RUNNING;
                }
                if (request.ifBusy().equals("interrupt") && !pendingInterrupts.containsKey(taskId)) {
                    pendingInterrupts.put(taskId, new Interrupt(request.message(), attached, secrets));
                    active.get().cancel(RunHandle.SUPERSEDED);
                    return TaskStatus.RUNNING;
                }
                mayHaveQueue.add(taskId);
                database.use(db -> db.attach(FollowUpDao.class).insert(taskId, request.message(),
                        attached.isEmpty() ? null : write(attached), Times.now()));
                if (!secrets.isEmpty()) waitingSecrets.merge(taskId, Map.copyOf(secrets), TaskService::union);
                hub.publish(taskId, "status", new EventData.Status("queued",
                        "Follow-up queued; it runs after the current run"));
                return "queued";
            });
        }
    }

    /**
     * Cancels the task's active run (pending, running or awaiting approval) and its queued
     * follow-ups, and waits briefly for the run to record its end. Idempotent on a cancelled task.
     */
    public void cancel(ApiKeyRow key, String taskId) {
        TaskRow task = find(key, taskId);
        RunHandle run = withLock(taskId, () -> {
            Optional<RunHandle> active = runner.active(taskId);
            if (active.isEmpty()) {
                if (task.status().equals(TaskStatus.CANCELLED) || TaskStatus.busy(task.status())) return null;
                throw ApiException.invalidState("A " + task.status() + " task cannot be cancelled");
            }
            pendingInterrupts.remove(taskId);
            waitingSecrets.remove(taskId);
            database.use(db -> db.attach(FollowUpDao.class).deleteAll(taskId));
            active.get().cancel(RunHandle.CANCELLED);
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
    public boolean approve(ApiKeyRow key, String taskId, String callId, String outcome) {
        find(key, taskId);
        if (!approvals.decide(taskId, callId, outcome)) {
            throw ApiException.notFound("Tool call " + callId + " awaiting approval");
        }
        return !outcome.equals("cancel");
    }

    /** The task, if {@code key} owns it; otherwise 404, never 403. */
    public TaskRow find(ApiKeyRow key, String taskId) {
        return database.dao(TaskDao.class).find(taskId)
                .filter(t -> t.apiKeyId().equals(key.id()))
                .orElseThrow(() -> ApiException.notFound("Task"));
    }

    /** Starts the next queued follow-up of a task that has no active run (start-up recovery). */
    public void resumeQueue(TaskRow task) {
        withLock(task.id(), () -> {
            mayHaveQueue.add(task.id());
            if (runner.active(task.id()).isEmpty()) startNextFollowUp(task);
            return null;
        });
    }

    /** Continues a run found waiting for approval at start-up; {@code earlier} are its persisted events. */
    public void resumeAwaiting(RunHandle run, long firstSeq, List<Event> earlier) {
        withLock(run.taskId(), () -> {
            hub.resumeRun(run.taskId(), run.runId(), firstSeq, earlier);
            runner.start(run, this::afterRun);
            return null;
        });
    }

    /** Starts run {@code runId} of a task found pending at start-up, for its last user message. */
    public void restartPending(TaskRow task, long runId, String modelText) {
        withLock(task.id(), () -> {
            if (runner.active(task.id()).isEmpty()) launch(task, runId, modelText, Map.of());
            return null;
        });
    }

    private void afterRun(RunHandle finished) {
        sessions.get(finished.taskId()).ifPresent(Session::touch);
        withLock(finished.taskId(), () -> {
            Interrupt interrupt = pendingInterrupts.remove(finished.taskId());
            if (interrupt != null && !runner.closing()) {
                appendUserMessage(finished.taskId(), interrupt.message(), interrupt.attached(), Times.now());
                startRun(finished.task(), AttachedFile.modelText(interrupt.message(), interrupt.attached()),
                        interrupt.secrets());
            } else if (!startNextFollowUp(finished.task())) {
                runner.release(finished);
            }
            return null;
        });
    }

    private boolean startNextFollowUp(TaskRow task) {
        String taskId = task.id();
        if (runner.closing() || !mayHaveQueue.contains(taskId)) return false;
        Optional<FollowUpRow> next = database.dao(FollowUpDao.class).next(taskId);
        if (next.isEmpty()) {
            mayHaveQueue.remove(taskId);
            return false;
        }
        FollowUpRow f = next.get();
        List<AttachedFile> attached = AttachedFile.fromJson(json, f.attachedFiles());
        appendUserMessage(taskId, f.content(), attached, Times.now(), db -> db.attach(FollowUpDao.class).delete(f.id()));
        Map<String, String> secrets = waitingSecrets.remove(taskId);
        startRun(task, AttachedFile.modelText(f.content(), attached), secrets == null ? Map.of() : secrets);
        return true;
    }

    private void startRun(TaskRow task, String modelText, Map<String, String> secrets) {
        String taskId = task.id();
        long runId = database.inTransaction(db -> {
            long id = db.attach(RunDao.class).nextRunId(taskId);
            db.attach(TaskDao.class).setStatus(taskId, TaskStatus.PENDING, Times.now());
            return id;
        });
        long firstSeq = hub.openRun(taskId, runId);
        database.use(db -> db.attach(RunDao.class).start(taskId, runId, firstSeq, Times.now()));
        runner.start(new RunHandle(task, runId, ChatMessage.user(modelText), secrets), this::afterRun);
    }

    private void launch(TaskRow task, long runId, String modelText, Map<String, String> secrets) {
        hub.openRun(task.id(), runId);
        runner.start(new RunHandle(task, runId, ChatMessage.user(modelText), secrets), this::afterRun);
    }

    private void appendUserMessage(String taskId, String content, List<AttachedFile> attached, Instant at) {
        appendUserMessage(taskId, content, attached, at, db -> {});
    }

    private void appendUserMessage(String taskId, String content, List<AttachedFile> attached, Instant at,
            java.util.function.Consumer<dev.agentd.store.Db> also) {
        hub.appendMessage(taskId, (db, position) -> {
            db.attach(MessageDao.class).append(taskId, position, "user", content, at,
                    attached.isEmpty() ? null : write(attached), null, null);
            also.accept(db);
        });
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }

    /**
     * Lets go of what is kept in memory for tasks that are idle right now: their locks and event
     * channels, made again on next use (session expiry calls it on every sweep).
     */
    public void releaseIdle() {
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
