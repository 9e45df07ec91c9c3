package dev.agentd.domain;

import java.util.Locale;

/** A person's decision about a tool call that waits for approval (task-api.md §3.7). */
public enum ApprovalOutcome {
    PROCEED_ONCE,
    PROCEED_ALWAYS,
    CANCEL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome a request names; null when it names none of them. */
    public static ApprovalOutcome fromWire(String value) {
        for (ApprovalOutcome o : values()) {
            if (o.wire().equals(value)) return o;
        }
        return null;
    }
}
