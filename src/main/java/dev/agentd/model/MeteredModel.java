package dev.agentd.model;

import dev.agentd.metrics.Metrics;

/** A model whose turns are counted and timed by provider, with their retries and tokens. */
public final class MeteredModel implements Model {
    private final Model model;
    private final String provider;
    private final Metrics metrics;

    private MeteredModel(Model model, String provider, Metrics metrics) {
        this.model = model;
        this.provider = provider;
        this.metrics = metrics;
    }

    /** {@code model}, made from {@code name} ({@code openai:gpt-5}, {@code builtin}…), counted as its provider. */
    public static Model of(Model model, String name, Metrics metrics) {
        int colon = name.indexOf(':');
        return new MeteredModel(model, colon < 0 ? name : name.substring(0, colon), metrics);
    }

    @Override
    public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
        long started = System.nanoTime();
        String outcome = "error";
        ModelTurn turn = null;
        try {
            turn = model.next(request, new Counting(sink));
            outcome = "ok";
            return turn;
        } catch (InterruptedException e) {
            outcome = "cancelled";
            throw e;
        } finally {
            metrics.modelCall(
                    provider,
                    outcome,
                    (System.nanoTime() - started) / 1e9,
                    turn == null ? 0 : turn.promptTokens(),
                    turn == null ? 0 : turn.completionTokens());
        }
    }

    @Override
    public long contextWindow() {
        return model.contextWindow();
    }

    /** The run's sink, counting the provider's retries on the way. */
    private final class Counting implements TurnSink {
        private final TurnSink sink;

        Counting(TurnSink sink) {
            this.sink = sink;
        }

        @Override
        public void content(String piece) {
            sink.content(piece);
        }

        @Override
        public void lastContent(String piece) {
            sink.lastContent(piece);
        }

        @Override
        public void thought(String subject, String description) {
            sink.thought(subject, description);
        }

        @Override
        public void retrying(String message) {
            metrics.modelRetry(provider);
            sink.retrying(message);
        }
    }
}
