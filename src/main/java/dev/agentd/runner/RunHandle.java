package dev.agentd.runner;

import dev.agentd.domain.CancelReason;
import dev.agentd.domain.Task;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ToolCall;
import dev.agentd.secrets.Masker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a task: answering one user message. Created when the run is requested; the runner's
 * thread and the API (cancel, GET) share it.
 */
public final class RunHandle {
    private final Task task;
    private final long runId;
    private final ChatMessage userMessage;
    private final Map<String, String> secrets;
    private final RunOutput output;
    private final Resume resume;
    private volatile Thread thread;
    private volatile CancelReason cancelReason;
    private volatile Masker masker = Masker.NONE;
    private volatile boolean parked;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /**
     * A run cut by a restart while it waited for approval: the agent's memory up to the waiting calls,
     * and those calls, in order.
     */
    public record Resume(List<ChatMessage> memory, List<ToolCall> waitingCalls) {}

    /** {@code task} as it was when the run was requested: only what is fixed at its creation is read. */
    public RunHandle(Task task, long runId, ChatMessage userMessage, Map<String, String> secrets) {
        this(task, runId, userMessage, secrets, new RunOutput(), null);
    }

    RunHandle(
            Task task,
            long runId,
            ChatMessage userMessage,
            Map<String, String> secrets,
            RunOutput output,
            Resume resume) {
        this.task = task;
        this.runId = runId;
        this.userMessage = userMessage;
        this.secrets = Map.copyOf(secrets);
        this.output = output;
        this.resume = resume;
    }

    /** Set when this run continues one that a restart cut while it waited for approval. */
    Resume resume() {
        return resume;
    }

    /** Secrets sent with this run's message, for a session that must be restored first. */
    Map<String, String> secrets() {
        return secrets;
    }

    public String taskId() {
        return task.id();
    }

    /** The task's settings fixed at its creation (system prompt, auto-execute, env). */
    public Task task() {
        return task;
    }

    /** Whose run slots this run counts against: the key that created the task, or its widget app. */
    String owner() {
        return task.owner().slot();
    }

    public long runId() {
        return runId;
    }

    /** The user message this run answers, as the model sees it. */
    ChatMessage userMessage() {
        return userMessage;
    }

    public RunOutput output() {
        return output;
    }

    /** Masks the session's secrets in everything this run emits. */
    Masker masker() {
        return masker;
    }

    void masker(Masker m) {
        masker = m;
    }

    /** Why the run was cancelled, or null. */
    public CancelReason cancelReason() {
        return cancelReason;
    }

    /** Whether the run waits for a person, holding nothing but its parked virtual thread. */
    boolean parked() {
        return parked;
    }

    void parked(boolean value) {
        parked = value;
    }

    void markEnded() {
        ended.complete(null);
    }

    /** Waits up to {@code millis} for the run to have ended; true if it has. */
    public boolean awaitEnd(long millis) {
        try {
            ended.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    void attach(Thread t) {
        thread = t;
        if (cancelReason != null) t.interrupt();
    }

    /** Asks the run to stop: its thread is interrupted wherever it waits. */
    public void cancel(CancelReason reason) {
        if (cancelReason == null) cancelReason = reason;
        Thread t = thread;
        if (t != null) t.interrupt();
    }
}
