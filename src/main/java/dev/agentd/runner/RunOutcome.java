package dev.agentd.runner;

import dev.agentd.domain.FailureCode;
import dev.agentd.domain.RunError;
import dev.agentd.domain.TaskStatus;

/** How a run ended: completed, or failed or cancelled with an error. */
public record RunOutcome(TaskStatus status, RunError error) {
    public static RunOutcome completed() {
        return new RunOutcome(TaskStatus.COMPLETED, null);
    }

    public static RunOutcome failed(FailureCode code, String message) {
        return new RunOutcome(TaskStatus.FAILED, new RunError(code, message));
    }

    public static RunOutcome cancelled(String message) {
        return new RunOutcome(TaskStatus.CANCELLED, new RunError(FailureCode.CANCELLED, message));
    }

    public boolean completedWell() {
        return status == TaskStatus.COMPLETED;
    }
}
