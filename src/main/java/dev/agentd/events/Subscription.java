package dev.agentd.events;

import dev.agentd.domain.Event;
import dev.agentd.domain.EventType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One stream's view of a task, cut consistently at subscribe time: how many history messages
 * precede it, the events already produced that it must replay ({@link #backlog()}), and, while the
 * task is streaming, every later event exactly once through {@link #next(Duration)}.
 */
public final class Subscription implements AutoCloseable {
    /** Not an event: the sign that the server ends the stream (its seq is below zero). */
    static final Event CLOSED = new Event(-1, -1, EventType.STATUS, "");

    private final EventHub hub;
    private final String taskId;
    private final long after;
    private final int messageCount;
    private final boolean streaming;
    private List<Event> backlog;
    private final LinkedBlockingQueue<Event> live = new LinkedBlockingQueue<>();

    Subscription(EventHub hub, String taskId, long after, int messageCount, boolean streaming, List<Event> backlog) {
        this.after = after;
        this.hub = hub;
        this.taskId = taskId;
        this.messageCount = messageCount;
        this.streaming = streaming;
        this.backlog = backlog;
    }

    /** Messages in history at the moment of subscribing. */
    public int messageCount() {
        return messageCount;
    }

    /** Whether a run was pending or active when subscribing, so live events follow. */
    public boolean streaming() {
        return streaming;
    }

    public List<Event> backlog() {
        return backlog;
    }

    void setBacklog(List<Event> events) {
        this.backlog = events;
    }

    void deliver(Event event) {
        if (event.seq() > after || event.seq() < 0) {
            live.add(event);
        } else if (event.terminal()) {
            // a client resumed after an id the run never reached: its stream still ends with the run
            live.add(CLOSED);
        }
    }

    /**
     * The next live event; null when {@code timeout} passes first; an event with {@link Event#seq()}
     * below zero when the server is closing the stream.
     */
    public Event next(Duration timeout) throws InterruptedException {
        return live.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        hub.unsubscribe(taskId, this);
    }
}
