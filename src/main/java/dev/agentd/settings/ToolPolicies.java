package dev.agentd.settings;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project's tool policies by tool name or {@code *} pattern. Of the policies whose name or
 * pattern matches a tool, deny wins over ask, and ask over allow.
 */
public final class ToolPolicies {
    private final Map<String, ToolPolicy> byPattern;

    ToolPolicies(Map<String, ToolPolicy> byPattern) {
        this.byPattern = byPattern;
    }

    /** The policy for {@code tool}; empty when none matches (the task's autoExecute decides). */
    public Optional<ToolPolicy> of(String tool) {
        ToolPolicy found = null;
        for (Map.Entry<String, ToolPolicy> e : byPattern.entrySet()) {
            if (matches(e.getKey(), tool) && (found == null || e.getValue().compareTo(found) > 0)) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean denies(String tool) {
        return of(tool).orElse(null) == ToolPolicy.DENY;
    }

    static boolean matches(String pattern, String tool) {
        if (!pattern.contains("*")) return pattern.equals(tool);
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return tool.matches(regex.toString());
    }
}
