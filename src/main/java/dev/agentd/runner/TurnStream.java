package dev.agentd.runner;

import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.model.TurnSink;
import java.util.Map;

/**
 * Turns a model's streamed turn into events. Each piece is held back until the next one arrives,
 * so that the last piece of the turn can be sent with {@code isPartial:false}.
 */
final class TurnStream implements TurnSink {
    private final EventHub hub;
    private final String taskId;
    private final RunOutput output;
    private String held;

    TurnStream(EventHub hub, String taskId, RunOutput output) {
        this.hub = hub;
        this.taskId = taskId;
        this.output = output;
    }

    @Override
    public void content(String piece) {
        if (piece.isEmpty()) return;
        if (held != null) send(held, true);
        held = piece;
        output.appendContent(piece);
    }

    @Override
    public void thought(String subject, String description) {
        output.addThought(new Thought(subject, description));
        hub.publish(taskId, "thought", new Thought(subject, description));
    }

    @Override
    public void retrying(String message) {
        hub.publish(taskId, "status", new EventData.Status("retrying", message));
    }

    /** Sends the held piece as the turn's last. */
    void end() {
        if (held != null) send(held, false);
        held = null;
    }

    private void send(String text, boolean partial) {
        hub.publish(taskId, "content", new ContentPiece(text, partial));
    }

    record ContentPiece(String text, boolean isPartial) {}
}
