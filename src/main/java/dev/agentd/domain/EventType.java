package dev.agentd.domain;

/** The names of the live events of task-api.md §9. */
public enum EventType {
    STATUS("status"),
    THOUGHT("thought"),
    CONTENT("content"),
    TOOL_CALL("tool_call"),
    TOOL_RESULT("tool_result"),
    DONE("done"),
    ERROR("error"),
    SUBAGENT_START("subagent_start"),
    SUBAGENT_THOUGHT("subagent_thought"),
    SUBAGENT_TOOL("subagent_tool"),
    SUBAGENT_END("subagent_end");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** A run's last event: {@code done} or {@code error}. */
    public boolean terminal() {
        return this == DONE || this == ERROR;
    }

    public static EventType fromWire(String value) {
        for (EventType t : values()) {
            if (t.wire.equals(value)) return t;
        }
        throw new IllegalArgumentException("no event type " + value);
    }
}
