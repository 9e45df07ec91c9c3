package dev.agentd.model.openai;

import dev.agentd.model.TurnSink;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers reasoning deltas into thoughts. Reasoning arrives a token at a time; one thought per token
 * would flood the stream and the history, so a thought is sent per paragraph, as soon as the
 * paragraph is complete (or grows long, or the reasoning stops).
 */
public final class ThoughtBuffer {
    static final String SUBJECT = "Thinking";
    private static final int MAX_PARAGRAPH = 2000;
    // Reasoning summaries often open a paragraph with a bold title: "**Checking the file**\n\n…".
    private static final Pattern TITLE = Pattern.compile("^\\*\\*([^*\\n]{1,120})\\*\\*\\s*(.*)$", Pattern.DOTALL);

    private final TurnSink sink;
    private final StringBuilder pending = new StringBuilder();
    private String section;
    private boolean sectionHasBody;
    private boolean sent;

    public ThoughtBuffer(TurnSink sink) {
        this.sink = sink;
    }

    public void append(String piece) {
        pending.append(piece);
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String paragraph = pending.substring(0, end);
            pending.delete(0, end + 2);
            paragraph(paragraph);
        }
        if (pending.length() >= MAX_PARAGRAPH) {
            paragraph(pending.toString());
            pending.setLength(0);
        }
    }

    /** Sends what is left, as the reasoning has stopped. */
    public void flush() {
        paragraph(pending.toString());
        pending.setLength(0);
        closeSection();
    }

    /** Whether a thought has reached the sink. */
    boolean sent() {
        return sent;
    }

    private void paragraph(String text) {
        String p = text.strip();
        if (p.isEmpty()) return;
        Matcher m = TITLE.matcher(p);
        if (m.matches()) {
            closeSection();
            section = m.group(1).strip();
            p = m.group(2).strip();
            if (p.isEmpty()) return;
        }
        sectionHasBody = true;
        emit(section == null ? SUBJECT : section, p);
    }

    /** A title with nothing under it is still worth showing. */
    private void closeSection() {
        if (section != null && !sectionHasBody) emit(section, section);
        section = null;
        sectionHasBody = false;
    }

    private void emit(String subject, String description) {
        sent = true;
        sink.thought(subject, description);
    }
}
