package dev.agentd.events;

/** One stream event: its per-task sequence number, run, name and one-line JSON data. */
public record Event(long seq, long runId, String type, String data) {
    public boolean terminal() {
        return type.equals("done") || type.equals("error");
    }
}
