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

    /** The model's context window in tokens, unless AGENTD_MODEL_CONTEXT_TOKENS says; unbounded for local models. */
    default long contextWindow() {
        return Long.MAX_VALUE;
    }
}
