package dev.agentd.store;

import dev.agentd.domain.Event;
import java.util.List;

/** The per-task event log: every live event with its {@code seq}. */
public interface EventStore {
    /** A task's event, to append. */
    record Appended(String taskId, Event event) {}

    /** Appends {@code events} (in a transaction, which holds the store's writer). */
    void append(List<Appended> events);

    /** Events with {@code after < seq < before}, in order. */
    List<Event> between(String taskId, long after, long before);

    /** Every event of one run, in order. */
    List<Event> ofRun(String taskId, long runId);
}
