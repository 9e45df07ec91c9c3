package dev.agentd.tasks;

import dev.agentd.events.PerTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One lock per task, ordering everything that decides whether the task has an active run. */
final class TaskLocks {
    private final PerTask<ReentrantLock> locks = new PerTask<>(id -> new ReentrantLock(), lock -> lock);

    <T> T withLock(String taskId, Supplier<T> action) {
        ReentrantLock lock = locks.lock(taskId);
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Lets go of the locks nobody holds; they are made again on next use. */
    void releaseIdle() {
        locks.release(lock -> true);
    }
}
