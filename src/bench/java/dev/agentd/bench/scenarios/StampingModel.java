package dev.agentd.bench.scenarios;

import dev.agentd.model.Model;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.TurnSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model in front of another that notes when each piece is handed over to the run, by the piece's
 * word stripped to letters and digits (the messages of {@link PieceLatency} runs make those unique).
 */
public final class StampingModel implements Model {
    private final Model inner;
    private final Map<String, Long> handedOver = new ConcurrentHashMap<>();

    public StampingModel(Model inner) {
        this.inner = inner;
    }

    /** When the piece whose word is {@code key(text)} was handed over (System.nanoTime), or null. */
    public Long handedOver(String text) {
        return handedOver.remove(key(text));
    }

    public static String key(String text) {
        return text.replaceAll("[^A-Za-z0-9]", "");
    }

    @Override
    public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
        return inner.next(request, new TurnSink() {
            @Override
            public void content(String piece) {
                handedOver.put(key(piece), System.nanoTime());
                sink.content(piece);
            }

            @Override
            public void lastContent(String piece) {
                handedOver.put(key(piece), System.nanoTime());
                sink.lastContent(piece);
            }

            @Override
            public void thought(String subject, String description) {
                sink.thought(subject, description);
            }

            @Override
            public void retrying(String message) {
                sink.retrying(message);
            }
        });
    }
}
