package dev.agentd.events;

import dev.agentd.domain.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** The live side of one task's event log. Every field is guarded by {@link #lock}. */
final class TaskChannel {
    final ReentrantLock lock = new ReentrantLock();
    long nextSeq;
    long seqLimit;
    boolean active;
    long runId;
    long runFirstSeq;
    final List<Event> runEvents = new ArrayList<>();
    final List<Subscription> subscribers = new ArrayList<>();
}
