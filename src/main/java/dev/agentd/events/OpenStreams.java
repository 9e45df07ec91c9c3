package dev.agentd.events;

import java.time.Duration;

/** How many streams are open: what /metrics shows, and what a shutdown waits for before it stops. */
final class OpenStreams {
    private int open;

    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        if (--open == 0) notifyAll();
    }

    synchronized int count() {
        return open;
    }

    /** Waits up to {@code grace} for every stream to close; a client that reads nothing does not hold it up longer. */
    synchronized void awaitNone(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (long left = grace.toMillis(); open > 0 && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
