package dev.agentd.runner;

import dev.agentd.domain.Output;
import dev.agentd.store.RunStore;

/**
 * What a run tells the task lifecycle, which owns the task's states: declared here, implemented by
 * the lifecycle. Each call is made on the run's own thread.
 */
public interface RunListener {
    /** The run has its slot and starts acting (not called for a run resumed while it waited for approval). */
    void running(RunHandle run);

    /** The run waits for a person to decide about a tool call; it holds no slot meanwhile. */
    void awaitingApproval(RunHandle run);

    /** The person decided and the run goes on. */
    void approved(RunHandle run);

    /**
     * The run ended with {@code outcome}, having produced {@code output}. Not called for a run that
     * was waiting for approval when the server stopped: that one stays waiting.
     */
    void ended(RunHandle run, RunOutcome outcome, Output output, RunStore.Usage usage);
}
