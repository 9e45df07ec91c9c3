package dev.agentd.events;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Per-task values, each guarded by its own lock, that can be let go while nobody holds that lock and
 * are made anew on next use. A thread that waited for a value let go in the meantime takes the
 * current one instead, so two threads never hold different values of the same task.
 */
public final class PerTask<V> {
    private final ConcurrentHashMap<String, V> values = new ConcurrentHashMap<>();
    private final Function<String, V> create;
    private final Function<V, Lock> lockOf;

    public PerTask(Function<String, V> create, Function<V, Lock> lockOf) {
        this.create = create;
        this.lockOf = lockOf;
    }

    /** The task's current value, made if there is none, locked by this thread. */
    public V lock(String taskId) {
        while (true) {
            V value = values.computeIfAbsent(taskId, create);
            Lock lock = lockOf.apply(value);
            lock.lock();
            if (values.get(taskId) == value) return value;
            lock.unlock();
        }
    }

    /** Lets go of every value that nobody holds and that {@code idle} accepts; returns how many. */
    public int release(Predicate<V> idle) {
        int released = 0;
        for (var e : values.entrySet()) {
            Lock lock = lockOf.apply(e.getValue());
            if (!lock.tryLock()) continue;
            try {
                if (idle.test(e.getValue()) && values.remove(e.getKey(), e.getValue())) released++;
            } finally {
                lock.unlock();
            }
        }
        return released;
    }

    /** Makes {@code value}, which no other thread has seen yet, the task's value. */
    void put(String taskId, V value) {
        values.put(taskId, value);
    }

    /** The task's current value, or null; not locked. */
    V peek(String taskId) {
        return values.get(taskId);
    }

    Collection<V> all() {
        return values.values();
    }

    int size() {
        return values.size();
    }
}
