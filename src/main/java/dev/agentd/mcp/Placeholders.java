package dev.agentd.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{mcp.KEY}}} in an MCP server's url, headers and env, filled from the task's env and secrets. */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*mcp\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final Map<String, String> variables;

    /** {@code variables}: the task's env with its secrets over it (a secret wins over an env of the same name). */
    Placeholders(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * {@code text} with every placeholder filled.
     *
     * @throws IllegalArgumentException naming the first key the task has no env or secret for
     */
    String fill(String text, String where) {
        if (text == null) return null;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + " uses {{mcp." + m.group(1)
                        + "}}, but the task has no env or secret named " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    Map<String, String> fill(Map<String, String> values, String where) {
        Map<String, String> filled = new LinkedHashMap<>();
        values.forEach((k, v) -> filled.put(k, fill(v, where + "." + k)));
        return filled;
    }
}
