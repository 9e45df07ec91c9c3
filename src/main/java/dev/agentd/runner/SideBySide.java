package dev.agentd.runner;

import dev.agentd.tools.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Tool calls of one turn that run at once (delegations), each on a virtual thread. If the run is
 * interrupted while it waits, they are interrupted too, and waited for: each records how it ended
 * before the run does.
 */
final class SideBySide implements AutoCloseable {
    interface Call {
        ToolResult run() throws InterruptedException;
    }

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("delegation-", 0).factory());
    private final Map<String, Future<ToolResult>> started = new LinkedHashMap<>();

    void start(String callId, Call call) {
        started.put(callId, threads.submit(call::run));
    }

    /** Every call's result by its id, once all have ended. */
    Map<String, ToolResult> results() throws InterruptedException {
        Map<String, ToolResult> results = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Future<ToolResult>> e : started.entrySet())
                results.put(e.getKey(), e.getValue().get());
        } catch (InterruptedException e) {
            stop();
            throw e;
        } catch (ExecutionException e) {
            stop();
            if (e.getCause() instanceof InterruptedException interrupted) throw interrupted;
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    /** Interrupts the calls and waits until they have ended, even if this thread is interrupted meanwhile. */
    private void stop() {
        threads.shutdownNow();
        boolean interrupted = false;
        while (!threads.isTerminated()) {
            try {
                threads.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public void close() {
        stop();
    }
}
