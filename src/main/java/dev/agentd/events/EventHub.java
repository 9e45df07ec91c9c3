package dev.agentd.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.cluster.Cluster;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventData;
import dev.agentd.metrics.Metrics;
import dev.agentd.store.EventStore;
import dev.agentd.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live event of every task: appended to the task's log with the next {@code seq}, handed to
 * the batch writer, and fanned out to the task's subscribers, all under the task's lock, so that a
 * subscriber sees each event exactly once whether it arrives in the backlog or live. A subscriber's
 * history cut is read under the same lock, and a run's end adds its message and delivers its
 * terminal event under it too, so the cut and the events always agree.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final int SEQ_BLOCK = 256;

    /**
     * The {@code seq} of a new task's first event. Its first {@link #FIRST_SEQ_LIMIT} minus one
     * numbers are reserved by storing the task with that {@code seq_next}.
     */
    public static final long FIRST_SEQ = 1;

    public static final long FIRST_SEQ_LIMIT = FIRST_SEQ + SEQ_BLOCK;

    private final Store store;
    private final ObjectMapper json;
    private final EventWriter writer;
    private final PerTask<TaskChannel> channels;
    /** Subscriptions not closed yet: streams still writing, which shutdown lets finish. */
    private final OpenStreams open = new OpenStreams();

    /** Whether runs of the same task may execute on other nodes (then a node follows those from the table). */
    private final boolean shared;
    /** Streams of runs that this node does not execute: fed from the table as notices come. */
    private final RemoteRuns remote;

    /** A hub for a node alone on its store. */
    public EventHub(Store store, ObjectMapper json, Metrics metrics) {
        this(store, json, metrics, false);
    }

    /** With {@code shared}, other nodes run tasks of {@code store} too, and tell of their events through {@link #notices}. */
    public EventHub(Store store, ObjectMapper json, Metrics metrics, boolean shared) {
        this.shared = shared;
        this.store = store;
        this.remote = new RemoteRuns(store);
        this.json = json;
        this.writer = new EventWriter(store, metrics);
        metrics.gauge("agentd_streams_open", "Streams open", this::openStreams);
        this.channels = new PerTask<>(id -> new TaskChannel(), ch -> ch.lock);
    }

    /**
     * Forgets the channels of tasks with no run and no open stream. What such a channel holds is in
     * the database by then (sequence numbers up to the reserved block), so the next use reserves a
     * new block: a task's {@code seq} may skip numbers, never repeat them. Returns how many were released.
     */
    public int releaseIdle() {
        return channels.release(ch -> !ch.active && ch.subscribers.isEmpty());
    }

    /** How many tasks' channels are held in memory. */
    int tracked() {
        return channels.size();
    }

    /**
     * Marks the start of a run (pending or running): streams opened from now on follow it live.
     * Returns the sequence number its first event will get.
     */
    public long openRun(String taskId, long runId) {
        TaskChannel ch = channels.lock(taskId);
        try {
            // another node may have run the task since this one last did: its numbers are past this block
            if (shared || ch.nextSeq == ch.seqLimit) reserve(taskId, ch);
            activate(ch, runId, ch.nextSeq, List.of());
            return ch.runFirstSeq;
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Reopens a run that a restart cut while it waited (for approval): its persisted events become
     * the catch-up of streams opened from now on.
     */
    public void resumeRun(String taskId, long runId, long firstSeq, List<Event> earlier) {
        TaskChannel ch = channels.lock(taskId);
        try {
            if (shared) reserve(taskId, ch);
            activate(ch, runId, firstSeq, earlier);
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Starts following a task just stored with {@code seq_next} at {@link #FIRST_SEQ_LIMIT} and its
     * first run {@code runId} pending, without reading any of it back.
     */
    public void openCreated(String taskId, long runId) {
        TaskChannel ch = new TaskChannel();
        ch.nextSeq = FIRST_SEQ;
        ch.seqLimit = FIRST_SEQ_LIMIT;
        activate(ch, runId, FIRST_SEQ, List.of());
        channels.put(taskId, ch);
    }

    private static void activate(TaskChannel ch, long runId, long firstSeq, List<Event> earlier) {
        ch.active = true;
        ch.runId = runId;
        ch.runFirstSeq = firstSeq;
        ch.runEvents.clear();
        ch.runEvents.addAll(earlier);
    }

    /** Appends a live event to the task's current run and delivers it. */
    public Event publish(String taskId, EventData data) {
        String text = write(data);
        TaskChannel ch = channels.lock(taskId);
        try {
            Event event = new Event(allocate(taskId, ch), ch.runId, data.type(), text);
            ch.runEvents.add(event);
            writer.append(new EventStore.Appended(taskId, event));
            for (Subscription s : ch.subscribers) s.deliver(event);
            return event;
        } finally {
            ch.lock.unlock();
        }
    }

    /** One way to end a run: its terminal event and what commits with it. */
    public record Ending(EventData terminal, Consumer<Store> sameTransaction) {
        public Ending {
            if (!terminal.type().terminal()) throw new IllegalArgumentException(terminal.type() + " is not terminal");
        }
    }

    /**
     * Ends the task's run with the first of {@code endings} that commits (its terminal event with
     * what goes with it, after every earlier event), then delivers that terminal event and ends the
     * run's streams. When none commits even after the writer's retries, the last one's event is
     * delivered all the same, so that no stream waits for an end that already came: the task stays
     * as stored until the next start ends it. Returns the index of the ending stored, or -1.
     */
    public int finishRun(String taskId, long runId, List<Ending> endings) {
        TaskChannel ch = channels.lock(taskId);
        try {
            long seq = allocate(taskId, ch);
            Event event = null;
            int stored = -1;
            for (int i = 0; i < endings.size() && stored < 0; i++) {
                Ending ending = endings.get(i);
                event = new Event(seq, runId, ending.terminal().type(), write(ending.terminal()));
                Event appended = event;
                try {
                    writer.commit(s -> {
                        s.events().append(List.of(new EventStore.Appended(taskId, appended)));
                        ending.sameTransaction().accept(s);
                    });
                    stored = i;
                } catch (RuntimeException e) {
                    log.error(
                            "ending {} of {} for run {} of task {} could not be stored",
                            i + 1,
                            endings.size(),
                            runId,
                            taskId,
                            e);
                }
            }
            for (Subscription s : ch.subscribers) s.deliver(event);
            ch.subscribers.clear();
            ch.runEvents.clear();
            ch.active = false;
            return stored;
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Writes {@code write} in order with the events published so far, without waiting for it: like
     * those events, it is committed shortly, and before anything committed by a later call.
     */
    public void writeLater(Consumer<Store> write) {
        writer.later(write);
    }

    /** Returns once everything published or written before this call is committed. */
    public void flush() {
        writer.flush();
    }

    /** Writes {@code write} in order with the events published so far, and returns once it is committed. */
    public void writeNow(Consumer<Store> write) {
        writer.commit(write);
    }

    /**
     * Subscribes to a task. With {@code after == null} the backlog is the current run so far (the
     * caller replays history first, up to {@link Subscription#messageCount()}); otherwise it is every
     * event with {@code seq > after}.
     */
    public Subscription subscribe(String taskId, Long after) {
        if (shared && !activeHere(taskId)) {
            Subscription followed = follow(taskId, after);
            if (followed != null) return followed;
        }
        Subscription sub;
        List<Event> snapshot = new ArrayList<>();
        long persistedBelow;
        TaskChannel ch = channels.lock(taskId);
        try {
            for (Event e : ch.runEvents) {
                if (after == null || e.seq() > after) snapshot.add(e);
            }
            persistedBelow = ch.active ? ch.runFirstSeq : Long.MAX_VALUE;
            int messages = after == null ? store.messages().count(taskId) : 0;
            sub = new Subscription(this, taskId, after == null ? 0 : after, messages, ch.active, snapshot);
            open.opened();
            if (ch.active) ch.subscribers.add(sub);
        } finally {
            ch.lock.unlock();
        }
        if (after == null) return sub;
        List<Event> backlog = new ArrayList<>(store.events().between(taskId, after, persistedBelow));
        backlog.addAll(snapshot);
        sub.setBacklog(backlog);
        return sub;
    }

    private boolean activeHere(String taskId) {
        TaskChannel ch = channels.lock(taskId);
        try {
            return ch.active;
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Subscribes to a busy task whose run this node does not execute: its backlog comes from the
     * table, and so do its later events, as notices tell of them. Null when the task is not busy.
     */
    private Subscription follow(String taskId, Long after) {
        RemoteRuns.Cut cut = remote.cut(taskId, after);
        if (cut == null) return null;
        Subscription sub =
                new Subscription(this, taskId, after == null ? 0 : after, cut.messages(), true, cut.backlog());
        open.opened();
        remote.follow(taskId, sub, cut.last());
        return sub;
    }

    /** What this hub hears from other nodes: each notice sends the streams following that task what is new. */
    public Cluster.Notices notices() {
        return remote;
    }

    /** Streams open now. */
    public int openStreams() {
        return open.count();
    }

    void unsubscribe(String taskId, Subscription sub) {
        open.closed();
        if (remote.forget(taskId, sub)) return;
        TaskChannel ch = channels.peek(taskId);
        if (ch == null) return;
        ch.lock.lock();
        try {
            ch.subscribers.remove(sub);
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Ends every open stream (server shutdown) and waits up to {@code grace} for them to have written
     * what they were given, their runs' terminal events among it, before the server stops.
     */
    public void closeStreams(Duration grace) {
        closeStreams();
        open.awaitNone(grace);
    }

    private void closeStreams() {
        remote.closeAll();
        for (TaskChannel ch : channels.all()) {
            ch.lock.lock();
            try {
                for (Subscription s : ch.subscribers) s.deliver(Subscription.CLOSED);
                ch.subscribers.clear();
            } finally {
                ch.lock.unlock();
            }
        }
    }

    private long allocate(String taskId, TaskChannel ch) {
        if (ch.nextSeq == ch.seqLimit) reserve(taskId, ch);
        return ch.nextSeq++;
    }

    private void reserve(String taskId, TaskChannel ch) {
        ch.nextSeq = store.tasks().reserveSeq(taskId, SEQ_BLOCK);
        ch.seqLimit = ch.nextSeq + SEQ_BLOCK;
    }

    private String write(EventData data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }

    @Override
    public void close() {
        closeStreams();
        writer.close();
    }
}
