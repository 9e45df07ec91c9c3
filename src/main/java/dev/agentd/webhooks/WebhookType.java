package dev.agentd.webhooks;

import dev.agentd.domain.TaskStatus;
import java.util.Optional;

/** The transitions a webhook announces, as its body's {@code type} names them. */
public enum WebhookType {
    COMPLETED("task.completed"),
    FAILED("task.failed"),
    CANCELLED("task.cancelled"),
    AWAITING_APPROVAL("task.awaiting_approval");

    private final String wire;

    WebhookType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The type announcing that a task became {@code status}; empty for statuses that are not announced. */
    public static Optional<WebhookType> of(TaskStatus status) {
        return switch (status) {
            case COMPLETED -> Optional.of(COMPLETED);
            case FAILED -> Optional.of(FAILED);
            case CANCELLED -> Optional.of(CANCELLED);
            case AWAITING_APPROVAL -> Optional.of(AWAITING_APPROVAL);
            case PENDING, RUNNING -> Optional.empty();
        };
    }
}
