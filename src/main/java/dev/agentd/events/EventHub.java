package dev.agentd.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.store.Database;
import dev.agentd.store.Db;
import dev.agentd.store.EventDao;
import dev.agentd.store.EventRow;
import dev.agentd.store.MessageDao;
import dev.agentd.store.TaskDao;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every live event of every task: appended to the task's log with the next {@code seq}, handed to
 * the batch writer, and fanned out to the task's subscribers, all under the task's lock, so that a
 * subscriber sees each event exactly once whether it arrives in the backlog or live. Changes to a
 * task's history go through here too, so that a stream's history cut and its events agree.
 */
public final class EventHub implements AutoCloseable {
    private static final int SEQ_BLOCK = 256;

    private final Database database;
    private final ObjectMapper json;
    private final EventWriter writer;
    private final PerTask<TaskChannel> channels;
    /** Subscriptions not closed yet: streams still writing, which shutdown lets finish. Guarded by itself. */
    private final int[] open = {0};

    public EventHub(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
        this.writer = new EventWriter(database);
        this.channels = new PerTask<>(id -> new TaskChannel(database.with(db -> db.attach(MessageDao.class).countOf(id))),
                ch -> ch.lock);
    }

    /**
     * Forgets the channels of tasks with no run and no open stream. What such a channel holds is in
     * the database by then (the message count; sequence numbers up to the reserved block), so the
     * next use reads the count again and reserves a new block: a task's {@code seq} may skip numbers,
     * never repeat them. Returns how many were released.
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
            if (ch.nextSeq == ch.seqLimit) reserve(taskId, ch);
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
            activate(ch, runId, firstSeq, earlier);
        } finally {
            ch.lock.unlock();
        }
    }

    private static void activate(TaskChannel ch, long runId, long firstSeq, List<Event> earlier) {
        ch.active = true;
        ch.runId = runId;
        ch.runFirstSeq = firstSeq;
        ch.runEvents.clear();
        ch.runEvents.addAll(earlier);
    }

    /** Appends a live event to the task's current run and delivers it. */
    public Event publish(String taskId, String type, Object data) {
        String text = write(data);
        TaskChannel ch = channels.lock(taskId);
        try {
            Event event = new Event(allocate(taskId, ch), ch.runId, type, text);
            ch.runEvents.add(event);
            writer.append(new EventRow(taskId, event.seq(), event.runId(), type, text));
            for (Subscription s : ch.subscribers) s.deliver(event);
            return event;
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Ends the task's run with its terminal event: the event and {@code sameTransaction} (the task's
     * new state, and the history message at the given position when {@code addsMessage}) commit
     * together with, or after, every earlier event, then it is delivered.
     */
    public Event finishRun(String taskId, long runId, String type, Object data, boolean addsMessage,
            MessageWrite sameTransaction) {
        String text = write(data);
        TaskChannel ch = channels.lock(taskId);
        try {
            Event event = new Event(allocate(taskId, ch), runId, type, text);
            int position = ch.messageCount;
            writer.commit(db -> {
                db.attach(EventDao.class).insertAll(List.of(new EventRow(taskId, event.seq(), runId, type, text)));
                sameTransaction.write(db, position);
            });
            if (addsMessage) ch.messageCount++;
            for (Subscription s : ch.subscribers) s.deliver(event);
            ch.subscribers.clear();
            ch.runEvents.clear();
            ch.active = false;
            return event;
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Writes {@code write} in order with the events published so far, without waiting for it: like
     * those events, it is committed shortly, and before anything committed by a later call.
     */
    public void writeLater(Consumer<Db> write) {
        writer.later(write);
    }

    /** Returns once everything published or written before this call is committed. */
    public void flush() {
        writer.flush();
    }

    /** Writes {@code write} in order with the events published so far, and returns once it is committed. */
    public void writeNow(Consumer<Db> write) {
        writer.commit(write);
    }

    /** Adds one message to the task's history, in one transaction, consistently with open streams. */
    public void appendMessage(String taskId, MessageWrite insert) {
        TaskChannel ch = channels.lock(taskId);
        try {
            database.useTransaction(db -> insert.write(db, ch.messageCount));
            ch.messageCount++;
        } finally {
            ch.lock.unlock();
        }
    }

    /** Writes that add a message to a task's history, at {@code position} (the count before it). */
    @FunctionalInterface
    public interface MessageWrite {
        void write(Db db, int position);
    }

    /**
     * The {@code seq} of a new task's first event. Its first {@link #FIRST_SEQ_LIMIT} minus one
     * numbers are reserved by storing the task with that {@code seq_next}.
     */
    public static final long FIRST_SEQ = 1;
    public static final long FIRST_SEQ_LIMIT = FIRST_SEQ + SEQ_BLOCK;

    /**
     * Starts following a task just stored with {@code messageCount} messages, {@code seq_next} at
     * {@link #FIRST_SEQ_LIMIT} and its first run {@code runId} pending, without reading any of it back.
     */
    public void openCreated(String taskId, long runId, int messageCount) {
        TaskChannel ch = new TaskChannel(messageCount);
        ch.nextSeq = FIRST_SEQ;
        ch.seqLimit = FIRST_SEQ_LIMIT;
        activate(ch, runId, FIRST_SEQ, List.of());
        channels.put(taskId, ch);
    }

    /**
     * Subscribes to a task. With {@code after == null} the backlog is the current run so far (the
     * caller replays history first); otherwise it is every event with {@code seq > after}.
     */
    public Subscription subscribe(String taskId, Long after) {
        Subscription sub;
        List<Event> snapshot = new ArrayList<>();
        long persistedBelow;
        TaskChannel ch = channels.lock(taskId);
        try {
            for (Event e : ch.runEvents) {
                if (after == null || e.seq() > after) snapshot.add(e);
            }
            persistedBelow = ch.active ? ch.runFirstSeq : Long.MAX_VALUE;
            sub = new Subscription(this, taskId, after == null ? 0 : after, ch.messageCount, ch.active, snapshot);
            synchronized (open) {
                open[0]++;
            }
            if (ch.active) ch.subscribers.add(sub);
        } finally {
            ch.lock.unlock();
        }
        if (after == null) return sub;
        List<Event> backlog = new ArrayList<>();
        for (EventRow row : database.dao(EventDao.class).between(taskId, after, persistedBelow)) {
            backlog.add(new Event(row.seq(), row.runId(), row.type(), row.data()));
        }
        backlog.addAll(snapshot);
        sub.setBacklog(backlog);
        return sub;
    }

    void unsubscribe(String taskId, Subscription sub) {
        synchronized (open) {
            if (--open[0] == 0) open.notifyAll();
        }
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
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (open) {
            // a client that reads nothing does not hold the shutdown up for longer than the grace
            for (long left = grace.toMillis(); open[0] > 0 && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    open.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Ends every open stream (server shutdown). */
    public void closeStreams() {
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
        ch.nextSeq = database.with(db -> db.attach(TaskDao.class).reserveSeq(taskId, SEQ_BLOCK));
        ch.seqLimit = ch.nextSeq + SEQ_BLOCK;
    }

    private String write(Object data) {
        try {
            return data instanceof String s ? s : json.writeValueAsString(data);
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
