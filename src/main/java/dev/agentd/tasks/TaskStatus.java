package dev.agentd.tasks;

/** The status values of task-api.md §4. */
public final class TaskStatus {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String AWAITING_APPROVAL = "awaiting_approval";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private TaskStatus() {}

    /** Whether a run is pending or in progress, so streams follow it live. */
    public static boolean busy(String status) {
        return status.equals(PENDING) || status.equals(RUNNING) || status.equals(AWAITING_APPROVAL);
    }
}
