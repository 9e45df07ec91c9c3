package dev.agentd.store.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.agentd.domain.Event;
import dev.agentd.domain.EventType;
import java.io.IOException;

/**
 * How an event is kept in the {@code events} table: its type as a small code, and a content piece
 * as its text alone, the JSON around it made again on reading. A piece is stored that way only when
 * making it again gives back exactly the JSON it came with; anything else keeps its JSON.
 */
final class EventCodec {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String TEXT_START = "{\"text\":\"";
    private static final String PARTIAL_END = "\",\"isPartial\":true}";
    private static final String FINAL_END = "\",\"isPartial\":false}";

    /** The kinds of stored event: the event types, and content pieces kept as text. */
    enum Kind {
        STATUS(1, EventType.STATUS),
        THOUGHT(2, EventType.THOUGHT),
        CONTENT(3, EventType.CONTENT),
        TOOL_CALL(4, EventType.TOOL_CALL),
        TOOL_RESULT(5, EventType.TOOL_RESULT),
        DONE(6, EventType.DONE),
        ERROR(7, EventType.ERROR),
        PARTIAL_PIECE(8, EventType.CONTENT),
        FINAL_PIECE(9, EventType.CONTENT),
        SUBAGENT_START(10, EventType.SUBAGENT_START),
        SUBAGENT_THOUGHT(11, EventType.SUBAGENT_THOUGHT),
        SUBAGENT_TOOL(12, EventType.SUBAGENT_TOOL),
        SUBAGENT_END(13, EventType.SUBAGENT_END);

        final int code;
        final EventType type;

        Kind(int code, EventType type) {
            this.code = code;
            this.type = type;
        }

        static Kind of(int code) {
            for (Kind k : values()) if (k.code == code) return k;
            throw new IllegalStateException("no stored event kind " + code);
        }

        static Kind of(EventType type) {
            for (Kind k : values()) if (k.type == type) return k;
            throw new IllegalStateException("no stored event kind for " + type);
        }
    }

    /** An event as a row holds it. */
    record Stored(int kind, String data) {}

    private EventCodec() {}

    static Stored encode(Event e) {
        if (e.type() == EventType.CONTENT) {
            String data = e.data();
            boolean partial = data.endsWith(PARTIAL_END);
            if (data.startsWith(TEXT_START) && (partial || data.endsWith(FINAL_END))) {
                String quoted = data.substring(
                        TEXT_START.length(), data.length() - (partial ? PARTIAL_END : FINAL_END).length());
                String text = needsNoEscape(quoted) ? quoted : text(data);
                if (text != null && (text == quoted || piece(text, partial).equals(data))) {
                    return new Stored((partial ? Kind.PARTIAL_PIECE : Kind.FINAL_PIECE).code, text);
                }
            }
        }
        return new Stored(Kind.of(e.type()).code, e.data());
    }

    static Event decode(long seq, long runId, int code, String data) {
        Kind kind = Kind.of(code);
        return switch (kind) {
            case PARTIAL_PIECE -> new Event(seq, runId, EventType.CONTENT, piece(data, true));
            case FINAL_PIECE -> new Event(seq, runId, EventType.CONTENT, piece(data, false));
            default -> new Event(seq, runId, kind.type, data);
        };
    }

    /** Whether JSON quotes {@code s} as itself: no quote, backslash or control character in it. */
    private static boolean needsNoEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') return false;
        }
        return true;
    }

    private static String piece(String text, boolean partial) {
        return TEXT_START
                + new String(JsonStringEncoder.getInstance().quoteAsString(text))
                + (partial ? PARTIAL_END : FINAL_END);
    }

    /** The value of {@code text} in a content event's JSON, or null when it is not one string. */
    private static String text(String data) {
        try (JsonParser p = JSON.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) return null;
            if (!p.currentName().equals("text") || p.nextToken() != JsonToken.VALUE_STRING) return null;
            return p.getText();
        } catch (IOException e) {
            return null;
        }
    }
}
