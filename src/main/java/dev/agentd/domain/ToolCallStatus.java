package dev.agentd.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a tool call stands: announced and running or waiting for a person, then how it ended. */
public enum ToolCallStatus {
    EXECUTING,
    AWAITING_APPROVAL,
    SUCCESS,
    ERROR,
    CANCELLED;

    /** Whether the call has a result. */
    public boolean ended() {
        return this == SUCCESS || this == ERROR || this == CANCELLED;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ToolCallStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
