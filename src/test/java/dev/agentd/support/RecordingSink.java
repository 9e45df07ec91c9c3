package dev.agentd.support;

import dev.agentd.model.TurnSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a model streamed, in order, for tests that call a model directly. */
public final class RecordingSink implements TurnSink {
    public record Thought(String subject, String description) {}

    public final List<String> pieces = new CopyOnWriteArrayList<>();
    public final List<Thought> thoughts = new CopyOnWriteArrayList<>();
    public final List<String> retries = new CopyOnWriteArrayList<>();

    @Override
    public void content(String piece) {
        pieces.add(piece);
    }

    @Override
    public void thought(String subject, String description) {
        thoughts.add(new Thought(subject, description));
    }

    @Override
    public void retrying(String message) {
        retries.add(message);
    }

    public String text() {
        return String.join("", pieces);
    }
}
