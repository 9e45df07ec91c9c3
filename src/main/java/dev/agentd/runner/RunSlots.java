package dev.agentd.runner;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Run slots shared fairly: at most {@code total} runs at once (AGENTD_MAX_CONCURRENT_RUNS), at most
 * {@code perOwner} of them for one owner (AGENTD_MAX_CONCURRENT_RUNS_PER_KEY). A freed slot goes to
 * the owners that wait in turn, first come first served within one owner, so that one key's many
 * long runs cannot keep another key's run waiting behind all of them.
 */
final class RunSlots {
    private final int total;
    private final int perOwner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> running = new HashMap<>();
    /** Owners with waiting runs, in the order they are served next. */
    private final LinkedHashMap<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();

    private int used;

    private final class Waiter {
        final Condition granted = lock.newCondition();
        boolean done;
    }

    RunSlots(int total, int perOwner) {
        this.total = total;
        this.perOwner = Math.min(perOwner, total);
    }

    /** Takes a slot if one is free for {@code owner} right now. */
    boolean tryAcquire(String owner) {
        lock.lock();
        try {
            if (!free(owner) || waiting.containsKey(owner)) return false;
            take(owner);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a slot in turn. */
    void acquire(String owner) throws InterruptedException {
        lock.lock();
        try {
            Waiter w = new Waiter();
            waiting.computeIfAbsent(owner, o -> new ArrayDeque<>()).add(w);
            dispatch();
            try {
                while (!w.done) w.granted.await();
            } catch (InterruptedException e) {
                if (w.done) {
                    give(owner);
                } else {
                    ArrayDeque<Waiter> queue = waiting.get(owner);
                    queue.remove(w);
                    if (queue.isEmpty()) waiting.remove(owner);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@link #acquire} that keeps waiting when interrupted, and sets the interrupt again once it has the slot. */
    void acquireUninterruptibly(String owner) {
        boolean interrupted = false;
        while (true) {
            try {
                acquire(owner);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    void release(String owner) {
        lock.lock();
        try {
            give(owner);
        } finally {
            lock.unlock();
        }
    }

    /** Slots in use (for tests and figures). */
    int used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Runs waiting for a slot. */
    int waiting() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    private void give(String owner) {
        used--;
        running.merge(owner, -1, (a, b) -> a + b == 0 ? null : a + b);
        dispatch();
    }

    private boolean free(String owner) {
        return used < total && running.getOrDefault(owner, 0) < perOwner;
    }

    private void take(String owner) {
        used++;
        running.merge(owner, 1, Integer::sum);
    }

    /** Hands free slots to the first waiter of each owner that may have one, owner after owner. */
    private void dispatch() {
        while (used < total) {
            String next = null;
            for (String owner : waiting.keySet()) {
                if (running.getOrDefault(owner, 0) < perOwner) {
                    next = owner;
                    break;
                }
            }
            if (next == null) return;
            ArrayDeque<Waiter> queue = waiting.remove(next);
            Waiter w = queue.poll();
            if (!queue.isEmpty()) waiting.put(next, queue); // to the back of the turn
            take(next);
            w.done = true;
            w.granted.signal();
        }
    }
}
