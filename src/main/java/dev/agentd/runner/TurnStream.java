package dev.agentd.runner;

import dev.agentd.domain.EventData;
import dev.agentd.domain.Thought;
import dev.agentd.events.EventHub;
import dev.agentd.model.TurnSink;
import dev.agentd.secrets.Masker;

/**
 * Turns a model's streamed turn into events, each piece sent the moment it arrives. The end of the
 * turn is marked by {@code isPartial:false} (task-api.md §9): on the last piece itself when the
 * model says which it is, else on an empty closing piece, so that no piece waits for a later one.
 * The one hold-back is the masker's: text that could be the start of a secret (of a task that has
 * secrets) waits for the next piece, which says whether it is one.
 */
final class TurnStream implements TurnSink {
    private final EventHub hub;
    private final String taskId;
    private final RunOutput output;
    private final Masker masker;
    private String pending = "";
    private boolean sentAny;
    private boolean ended;

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
        send(text.substring(0, text.length() - wait), true);
    }

    @Override
    public void lastContent(String piece) {
        if (ended) return;
        String text = masker.mask(pending + piece);
        pending = "";
        if (!text.isEmpty() || sentAny) send(text, false);
        ended = true;
    }

    @Override
    public void thought(String subject, String description) {
        Thought thought = new Thought(masker.mask(subject), masker.mask(description));
        output.addThought(thought);
        hub.publish(taskId, new EventData.ThoughtEvent(thought.subject(), thought.description()));
    }

    @Override
    public void retrying(String message) {
        hub.publish(taskId, new EventData.Status(EventData.StatusKind.RETRYING, masker.mask(message)));
    }

    /** Marks the end of the turn: what the masker held goes out as its last piece, or an empty one. */
    void end() {
        lastContent("");
    }

    private void send(String text, boolean partial) {
        if (text.isEmpty() && partial) return;
        if (!text.isEmpty()) output.appendContent(text);
        sentAny = true;
        hub.publish(taskId, new EventData.Content(text, partial));
    }
}
