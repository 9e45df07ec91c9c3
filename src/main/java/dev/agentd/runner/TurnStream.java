package dev.agentd.runner;

import dev.agentd.secrets.Masker;
import dev.agentd.events.EventData;
import dev.agentd.events.EventHub;
import dev.agentd.model.TurnSink;

/**
 * Turns a model's streamed turn into events. Secrets are masked even when split across pieces:
 * text that could be the start of a secret waits for the next piece. Each piece ready to go is
 * held until the next one, so that the turn's last piece can carry {@code isPartial:false}.
 */
final class TurnStream implements TurnSink {
    private final EventHub hub;
    private final String taskId;
    private final RunOutput output;
    private final Masker masker;
    private String pending = "";
    private String held;

    TurnStream(EventHub hub, String taskId, RunOutput output, Masker masker) {
        this.hub = hub;
        this.taskId = taskId;
        this.output = output;
        this.masker = masker;
    }

    @Override
    public void content(String piece) {
        if (piece.isEmpty()) return;
        String text = masker.mask(pending + piece);
        int wait = masker.pendingPrefix(text);
        pending = text.substring(text.length() - wait);
        ready(text.substring(0, text.length() - wait));
    }

    @Override
    public void thought(String subject, String description) {
        Thought thought = new Thought(masker.mask(subject), masker.mask(description));
        output.addThought(thought);
        hub.publish(taskId, "thought", thought);
    }

    @Override
    public void retrying(String message) {
        hub.publish(taskId, "status", new EventData.Status("retrying", masker.mask(message)));
    }

    /** Sends what is left as the turn's last piece. */
    void end() {
        ready(masker.mask(pending));
        pending = "";
        if (held != null) send(held, false);
        held = null;
    }

    private void ready(String text) {
        if (text.isEmpty()) return;
        if (held != null) send(held, true);
        held = text;
        output.appendContent(text);
    }

    private void send(String text, boolean partial) {
        hub.publish(taskId, "content", new ContentPiece(text, partial));
    }

    record ContentPiece(String text, boolean isPartial) {}
}
