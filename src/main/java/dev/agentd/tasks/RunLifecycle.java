package dev.agentd.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.domain.Output;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.Times;
import dev.agentd.events.EventHub;
import dev.agentd.model.ChatMessage;
import dev.agentd.runner.RunHandle;
import dev.agentd.runner.RunListener;
import dev.agentd.runner.RunOutcome;
import dev.agentd.runner.Runner;
import dev.agentd.runner.Session;
import dev.agentd.runner.Sessions;
import dev.agentd.store.FollowUpStore;
import dev.agentd.store.MessageStore;
import dev.agentd.store.RunStore;
import dev.agentd.store.Store;
import dev.agentd.workspace.AttachedFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of tasks, one after another: starting a run, hearing from it ({@link RunListener}), and on
 * its end starting what comes next — a message that interrupted it, else the next queued follow-up.
 * Every decision is made under the task's lock.
 */
final class RunLifecycle implements RunListener {
    private final Store store;
    private final EventHub hub;
    private final Runner runner;
    private final TaskStates states;
    private final Sessions sessions;
    private final TaskLocks locks;
    private final ObjectMapper json;
    /** A message that interrupts the active run, to run as soon as that run has ended. */
    private final ConcurrentHashMap<String, Interrupt> pendingInterrupts = new ConcurrentHashMap<>();
    /** Secrets sent with queued follow-ups, in memory only, handed to the next run of the task. */
    private final ConcurrentHashMap<String, Map<String, String>> waitingSecrets = new ConcurrentHashMap<>();
    /**
     * Tasks that may have queued follow-ups. Every queued message is stored by this process or found
     * at start-up ({@link #resumeQueue}), so a run of any other task ends without looking.
     */
    private final Set<String> mayHaveQueue = ConcurrentHashMap.newKeySet();

    /** A message that takes the active run's place. */
    record Interrupt(String message, List<AttachedFile> attached, Map<String, String> secrets, String model) {}

    RunLifecycle(
            Store store,
            EventHub hub,
            Runner runner,
            TaskStates states,
            Sessions sessions,
            TaskLocks locks,
            ObjectMapper json) {
        this.store = store;
        this.hub = hub;
        this.runner = runner;
        this.states = states;
        this.sessions = sessions;
        this.locks = locks;
        this.json = json;
    }

    /** Starts a new run of a task that has none, for a user message already in its history. Under the task's lock. */
    void startRun(Task task, String modelText, Map<String, String> secrets) {
        long runId = states.pending(task.id());
        long firstSeq = hub.openRun(task.id(), runId);
        store.runs().start(task.id(), runId, firstSeq, Times.now());
        runner.start(new RunHandle(task, runId, ChatMessage.user(modelText), secrets), this);
    }

    /** Queues a follow-up behind the active run. Under the task's lock. */
    void queue(String taskId, String message, String attachedJson, Map<String, String> secrets, String model) {
        mayHaveQueue.add(taskId);
        store.followUps().add(taskId, message, attachedJson, model, Times.now());
        if (!secrets.isEmpty()) waitingSecrets.merge(taskId, Map.copyOf(secrets), RunLifecycle::union);
        hub.publish(
                taskId,
                new EventData.Status(EventData.StatusKind.QUEUED, "Follow-up queued; it runs after the current run"));
    }

    /** Makes {@code interrupt} the next run, once the active one has ended; false when one is set already. Under the task's lock. */
    boolean interruptWith(String taskId, Interrupt interrupt) {
        return pendingInterrupts.putIfAbsent(taskId, interrupt) == null;
    }

    /** Forgets what would run next (cancel). Under the task's lock. */
    void clearNext(String taskId) {
        pendingInterrupts.remove(taskId);
        waitingSecrets.remove(taskId);
        store.followUps().removeAll(taskId);
    }

    /** Starts the next queued follow-up of a task that has no active run (start-up recovery). */
    void resumeQueue(Task task) {
        locks.withLock(task.id(), () -> {
            mayHaveQueue.add(task.id());
            if (runner.active(task.id()).isEmpty()) startNextFollowUp(task);
            return null;
        });
    }

    /** Continues a run found waiting for approval at start-up; {@code earlier} are its persisted events. */
    void resumeAwaiting(RunHandle run, long firstSeq, List<Event> earlier) {
        locks.withLock(run.taskId(), () -> {
            hub.resumeRun(run.taskId(), run.runId(), firstSeq, earlier);
            runner.start(run, this);
            return null;
        });
    }

    /** Starts run {@code runId} of a task found pending at start-up, for its last user message. */
    void restartPending(Task task, long runId, String modelText) {
        locks.withLock(task.id(), () -> {
            if (runner.active(task.id()).isEmpty()) {
                hub.openRun(task.id(), runId);
                runner.start(new RunHandle(task, runId, ChatMessage.user(modelText), Map.of()), this);
            }
            return null;
        });
    }

    /** Ends a run cut by a restart (start-up recovery), keeping what it produced. */
    void endInterrupted(Task task, long runId, Output output, RunOutcome outcome) {
        if (!states.finish(task, runId, output, outcome, new RunStore.Usage(0, 0, 0, 0))) {
            throw new IllegalStateException(
                    "the interrupted run " + runId + " of task " + task.id() + " could not be ended");
        }
    }

    @Override
    public void running(RunHandle run) {
        states.running(run.taskId());
    }

    @Override
    public void awaitingApproval(RunHandle run) {
        states.move(run.task(), TaskStatus.AWAITING_APPROVAL);
    }

    @Override
    public void approved(RunHandle run) {
        states.move(run.task(), TaskStatus.RUNNING);
    }

    /**
     * The run's end is recorded, then the task's next message runs: an interrupting one, else the
     * next queued. When the end could not be stored at all, nothing more runs: the store refuses
     * writes, and the next start ends the task and runs what waits.
     */
    @Override
    public void ended(RunHandle run, RunOutcome outcome, Output output, RunStore.Usage usage) {
        if (!states.finish(run.task(), run.runId(), output, outcome, usage)) {
            pendingInterrupts.remove(run.taskId());
            runner.release(run);
            return;
        }
        sessions.get(run.taskId()).ifPresent(Session::touch);
        locks.withLock(run.taskId(), () -> {
            Interrupt interrupt = pendingInterrupts.remove(run.taskId());
            if (interrupt != null && !runner.closing()) {
                if (interrupt.model() != null) store.tasks().setModel(run.taskId(), interrupt.model());
                store.messages()
                        .append(
                                run.taskId(),
                                MessageStore.NewMessage.user(
                                        interrupt.message(),
                                        Times.now(),
                                        AttachedFile.toJson(json, interrupt.attached())));
                startRun(
                        run.task(),
                        AttachedFile.modelText(interrupt.message(), interrupt.attached()),
                        interrupt.secrets());
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
            if (f.model() != null) s.tasks().setModel(taskId, f.model());
        });
        Map<String, String> secrets = waitingSecrets.remove(taskId);
        List<AttachedFile> attached = AttachedFile.fromJson(json, f.attachedFilesJson());
        startRun(task, AttachedFile.modelText(f.content(), attached), secrets == null ? Map.of() : secrets);
        return true;
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new HashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }
}
