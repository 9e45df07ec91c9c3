package dev.agentd.domain;

import java.util.Locale;

/** What a follow-up does while a run is active (task-api.md §3.5). */
public enum IfBusy {
    QUEUE,
    REJECT,
    INTERRUPT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value a request names; null when it names none of them. */
    public static IfBusy fromWire(String value) {
        for (IfBusy b : values()) {
            if (b.wire().equals(value)) return b;
        }
        return null;
    }
}
