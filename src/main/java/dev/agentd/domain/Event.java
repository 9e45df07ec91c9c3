package dev.agentd.domain;

/** One stream event as stored and sent: its per-task sequence number, run, type and one-line JSON data. */
public record Event(long seq, long runId, EventType type, String data) {
    public boolean terminal() {
        return type.terminal();
    }
}
