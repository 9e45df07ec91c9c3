package dev.agentd.store;

import java.time.Instant;
import java.util.List;

/** Tool calls that wait or waited for a person. */
public interface ApprovalStore {
    /** A waiting call; {@code argsJson} is its arguments as JSON text. */
    record Pending(String callId, String toolName, String argsJson) {}

    void request(String taskId, String callId, long runId, String toolName, String argsJson, Instant at);

    List<Pending> pending(String taskId);

    /** Settles a waiting call as {@code status}; false when it is unknown or settled already. */
    boolean settle(String taskId, String callId, String status, String reason, Instant at);
}
