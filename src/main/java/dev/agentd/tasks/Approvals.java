package dev.agentd.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.store.ApprovalDao;
import dev.agentd.store.ApprovalRow;
import dev.agentd.store.Database;
import dev.agentd.store.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls waiting for approval (task-api.md §3.7). The decision is persisted first; the run's
 * virtual thread parks on a future until it arrives.
 */
public final class Approvals {
    /** The outcomes a person may choose. */
    public static final List<String> OUTCOMES = List.of("proceed_once", "proceed_always", "cancel");

    /** What GET shows in pendingApprovals. */
    public record Pending(String callId, String toolName, JsonNode args) {}

    private final Database database;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    public Approvals(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Records the call as waiting; {@link #await} then parks until it is decided. */
    public void request(String taskId, long runId, String callId, String toolName, JsonNode args) {
        waiting.put(key(taskId, callId), new CompletableFuture<>());
        database.use(db -> db.attach(ApprovalDao.class).insert(new ApprovalRow(taskId, callId, runId, toolName,
                args.toString(), "pending", null, Times.now(), null)));
    }

    /** Parks until a person decides, and returns the outcome. */
    public String await(String taskId, String callId) throws InterruptedException {
        CompletableFuture<String> decision = waiting.computeIfAbsent(key(taskId, callId), k -> new CompletableFuture<>());
        try {
            return decision.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            waiting.remove(key(taskId, callId));
        }
    }

    /** Applies a person's decision; false when the call is unknown or not waiting. */
    public boolean decide(String taskId, String callId, String outcome) {
        if (!settle(taskId, callId, outcome, null)) return false;
        CompletableFuture<String> decision = waiting.computeIfAbsent(key(taskId, callId), k -> new CompletableFuture<>());
        decision.complete(outcome);
        return true;
    }

    public List<Pending> pending(String taskId) {
        return database.dao(ApprovalDao.class).pending(taskId).stream()
                .map(r -> new Pending(r.callId(), r.toolName(), parse(r.args()))).toList();
    }

    /** Settles a waiting call without a person (cancel, superseded); false when it was not waiting. */
    public boolean settle(String taskId, String callId, String status, String reason) {
        return database.with(db -> db.attach(ApprovalDao.class).settle(taskId, callId, status, reason, Times.now())) > 0;
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
