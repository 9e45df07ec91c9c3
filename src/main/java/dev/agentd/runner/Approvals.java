package dev.agentd.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.ApprovalOutcome;
import dev.agentd.domain.PendingApproval;
import dev.agentd.domain.Times;
import dev.agentd.store.ApprovalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Tool calls waiting for approval (task-api.md §3.7). The decision is persisted first; the run's
 * virtual thread parks on a future until it arrives.
 */
public final class Approvals {
    /** What GET shows in pendingApprovals. */
    private final ApprovalStore store;

    private final ObjectMapper json;
    private final ConcurrentHashMap<String, CompletableFuture<ApprovalOutcome>> waiting = new ConcurrentHashMap<>();

    public Approvals(ApprovalStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Records the call as waiting; {@link #await} then parks until it is decided. */
    void request(String taskId, long runId, String callId, String toolName, JsonNode args) {
        waiting.put(key(taskId, callId), new CompletableFuture<>());
        store.request(taskId, callId, runId, toolName, args.toString(), Times.now());
    }

    /** Parks until a person decides, and returns the outcome. */
    ApprovalOutcome await(String taskId, String callId) throws InterruptedException {
        CompletableFuture<ApprovalOutcome> decision =
                waiting.computeIfAbsent(key(taskId, callId), k -> new CompletableFuture<>());
        try {
            return decision.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            waiting.remove(key(taskId, callId));
        }
    }

    /** Applies a person's decision; false when the call is unknown or not waiting. */
    public boolean decide(String taskId, String callId, ApprovalOutcome outcome) {
        if (!settle(taskId, callId, outcome.wire(), null)) return false;
        waiting.computeIfAbsent(key(taskId, callId), k -> new CompletableFuture<>())
                .complete(outcome);
        return true;
    }

    public List<PendingApproval> pending(String taskId) {
        return store.pending(taskId).stream()
                .map(p -> new PendingApproval(p.callId(), p.toolName(), parse(p.argsJson())))
                .toList();
    }

    /** Settles a waiting call without a person (cancel, superseded); false when it was not waiting. */
    boolean settle(String taskId, String callId, String status, String reason) {
        return store.settle(taskId, callId, status, reason, Times.now());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String taskId, String callId) {
        return taskId + '/' + callId;
    }
}
