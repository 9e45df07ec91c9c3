package dev.agentd.tasks;

/** How a run ended: completed, or failed/cancelled with an error code and message. */
public record RunOutcome(String status, String errorCode, String errorMessage) {
    public static RunOutcome completed() {
        return new RunOutcome(TaskStatus.COMPLETED, null, null);
    }

    public static RunOutcome failed(String code, String message) {
        return new RunOutcome(TaskStatus.FAILED, code, message);
    }

    public static RunOutcome cancelled(String message) {
        return new RunOutcome(TaskStatus.CANCELLED, "CANCELLED", message);
    }
}
