package dev.agentd.settings;

import java.util.List;

/** A settings document that is not valid: each problem names the field, e.g. {@code $.toolPolicies.x: …}. */
public final class InvalidSettings extends RuntimeException {
    private final List<String> problems;

    InvalidSettings(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
