package dev.agentd.model.script;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rule of a script: the steps to run for a user message its pattern finds in (null: any message). */
record Rule(Pattern match, List<Step> steps) {
    /** The match of {@code message}, or empty when this rule is not for it. */
    Optional<Matcher> matches(String message) {
        Matcher m = (match == null ? ANY : match).matcher(message);
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    private static final Pattern ANY = Pattern.compile("");
}
