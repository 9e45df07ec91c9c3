package dev.agentd.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The status values of task-api.md §4 and the moves between them: {@code pending → running ⇄
 * awaiting_approval → completed | failed | cancelled}, and a finished task back to {@code pending}
 * with a follow-up.
 */
public enum TaskStatus {
    PENDING,
    RUNNING,
    AWAITING_APPROVAL,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** Whether a run is pending or in progress, so streams follow it live. */
    public boolean busy() {
        return this == PENDING || this == RUNNING || this == AWAITING_APPROVAL;
    }

    /** The statuses a task may be in when it moves to this one. */
    public Set<TaskStatus> from() {
        return switch (this) {
            case PENDING -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(PENDING, AWAITING_APPROVAL);
            case AWAITING_APPROVAL -> EnumSet.of(RUNNING);
            case COMPLETED -> EnumSet.of(RUNNING);
            case FAILED, CANCELLED -> EnumSet.of(PENDING, RUNNING, AWAITING_APPROVAL);
        };
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
