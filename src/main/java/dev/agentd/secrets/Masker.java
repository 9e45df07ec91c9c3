package dev.agentd.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces secret values with {@code ***} (task-api.md §6). Values shorter than
 * {@link #MIN_LENGTH} characters are left alone: masking every "1" or "ab" would garble all text
 * while protecting nothing.
 */
public final class Masker {
    static final int MIN_LENGTH = 4;
    static final String MASK = "***";
    public static final Masker NONE = new Masker(List.of(), null);

    private final List<String> values;
    private final ObjectMapper json;

    public Masker(Collection<String> secrets, ObjectMapper json) {
        this.values = secrets.stream()
                .filter(v -> v != null && v.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.json = json;
    }

    /** The length of the longest secret masked, 0 when there is none. */
    public int longest() {
        return values.isEmpty() ? 0 : values.getFirst().length();
    }

    public String mask(String text) {
        if (text == null || values.isEmpty()) return text;
        String out = text;
        for (String v : values) {
            if (out.contains(v)) out = out.replace(v, MASK);
        }
        return out;
    }

    /**
     * The first {@code cut} characters of {@code text}, masked; when a secret would be cut in two
     * there, the text ends before it instead, so that no part of a secret survives a truncation.
     */
    public String cutAt(String text, int cut) {
        if (text.length() <= cut) return mask(text);
        int end = cut;
        for (boolean moved = true; moved; ) {
            moved = false;
            for (String v : values) {
                // the first occurrence that starts less than its length before the end crosses it
                int at = text.indexOf(v, Math.max(0, end - v.length() + 1));
                if (at >= 0 && at < end) {
                    end = at;
                    moved = true;
                }
            }
        }
        return mask(text.substring(0, end));
    }

    /** The node with every string in it masked. */
    public JsonNode mask(JsonNode node) {
        if (node == null || values.isEmpty()) return node;
        try {
            String text = json.writeValueAsString(node);
            for (String v : values) {
                String escaped = json.writeValueAsString(v);
                text = text.replace(escaped.substring(1, escaped.length() - 1), MASK);
            }
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many characters at the end of {@code text} could be the start of a secret, and must wait
     * for the next piece before they can be sent.
     */
    public int pendingPrefix(String text) {
        int hold = 0;
        for (String v : values) {
            for (int k = Math.min(v.length() - 1, text.length()); k > hold; k--) {
                if (text.regionMatches(text.length() - k, v, 0, k)) {
                    hold = k;
                    break;
                }
            }
        }
        return hold;
    }
}
