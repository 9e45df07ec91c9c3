package dev.agentd.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a project says about a tool: run it without asking, always ask, or never offer it. */
public enum ToolPolicy {
    ALLOW,
    ASK,
    DENY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
