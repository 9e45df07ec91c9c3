package dev.agentd.model;

/** A language model behind the run loop (agent.md §3). Implementations must be safe to share between runs. */
public interface Model {
    /**
     * Produces one turn, streaming its pieces into {@code sink} as they arrive.
     *
     * @throws InterruptedException when the run is cancelled while waiting on the model
     * @throws ModelException when the model cannot answer
     */
    ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException;
}
