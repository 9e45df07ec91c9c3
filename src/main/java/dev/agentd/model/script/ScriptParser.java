package dev.agentd.model.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.domain.FailureCode;
import dev.agentd.domain.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads a script: a JSON list of rules (or {@code {"rules": [...]}}), each {@code {"match": regex,
 * "steps": [...]}}. Every error names the rule and the field it is about, counted from 1.
 */
final class ScriptParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Set<String> KINDS = Set.of("think", "say", "tool", "retry", "fail", "wait");
    private static final Set<FailureCode> FAILURES =
            EnumSet.of(FailureCode.MODEL_ERROR, FailureCode.MAX_STEPS, FailureCode.INTERNAL_ERROR);

    /** The problem with a script, and where it is. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private ScriptParser() {}

    static List<Rule> parse(String text) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Invalid("not JSON: " + e.getOriginalMessage());
        }
        JsonNode rules = root != null && root.isObject() && root.has("rules") ? root.get("rules") : root;
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw new Invalid("a script is a non-empty list of rules, or {\"rules\": [...]}");
        }
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) parsed.add(rule(rules.get(i), "rule " + (i + 1)));
        return List.copyOf(parsed);
    }

    private static Rule rule(JsonNode node, String where) throws Invalid {
        if (!node.isObject()) throw new Invalid(where + ": must be an object with match and steps");
        only(node, where, Set.of("match", "steps"));
        Pattern match = null;
        JsonNode m = node.get("match");
        if (m != null) {
            if (!m.isTextual()) throw new Invalid(where + ", field \"match\": must be a string (a regular expression)");
            try {
                match = Pattern.compile(m.asText());
            } catch (PatternSyntaxException e) {
                throw new Invalid(where + ", field \"match\": not a regular expression: " + e.getDescription());
            }
        }
        JsonNode steps = node.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new Invalid(where + ", field \"steps\": must be a non-empty list");
        }
        List<Step> parsed = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) parsed.add(step(steps.get(i), where + ", step " + (i + 1)));
        return new Rule(match, List.copyOf(parsed));
    }

    private static Step step(JsonNode node, String where) throws Invalid {
        if (!node.isObject()) throw new Invalid(where + ": must be an object such as {\"say\": \"…\"}");
        List<String> kinds = new ArrayList<>();
        node.fieldNames().forEachRemaining(f -> {
            if (KINDS.contains(f)) kinds.add(f);
        });
        if (kinds.size() != 1) {
            throw new Invalid(where + ": must have exactly one of think, say, tool, retry, fail, wait");
        }
        String kind = kinds.getFirst();
        JsonNode value = node.get(kind);
        String field = where + ", field \"" + kind + "\"";
        return switch (kind) {
            case "think" -> {
                only(node, where, Set.of("think"));
                if (!value.isObject()) throw new Invalid(field + ": must be {\"subject\": …, \"description\": …}");
                only(value, field, Set.of("subject", "description"));
                yield new Step.Think(text(value, "subject", field, true), text(value, "description", field, true));
            }
            case "say" -> {
                only(node, where, Set.of("say", "pace"));
                if (!value.isTextual()) throw new Invalid(field + ": must be a string");
                JsonNode pace = node.get("pace");
                yield new Step.Say(value.asText(), pace == null ? null : duration(pace, where + ", field \"pace\""));
            }
            case "tool" -> {
                only(node, where, Set.of("tool", "args"));
                if (!value.isTextual() || value.asText().isBlank())
                    throw new Invalid(field + ": must be a tool's name");
                JsonNode args = node.get("args");
                if (args != null && !args.isObject()) throw new Invalid(where + ", field \"args\": must be an object");
                yield new Step.Tool(value.asText(), args == null ? JSON.createObjectNode() : (ObjectNode) args);
            }
            case "retry" -> {
                only(node, where, Set.of("retry"));
                if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 100) {
                    throw new Invalid(field + ": must be a whole number from 1 to 100");
                }
                yield new Step.Retry(value.asInt());
            }
            case "fail" -> {
                only(node, where, Set.of("fail"));
                if (!value.isObject()) throw new Invalid(field + ": must be {\"code\": …, \"message\": …}");
                only(value, field, Set.of("code", "message"));
                String code = text(value, "code", field, false);
                FailureCode failure = code == null ? FailureCode.MODEL_ERROR : failure(code, field);
                String message = text(value, "message", field, false);
                yield new Step.Fail(failure, message == null ? "The scripted model failed" : message);
            }
            default -> {
                only(node, where, Set.of("wait"));
                yield new Step.Wait(duration(value, field));
            }
        };
    }

    private static FailureCode failure(String code, String field) throws Invalid {
        for (FailureCode f : FAILURES) if (f.name().equals(code)) return f;
        throw new Invalid(field + ".code: must be one of "
                + FAILURES.stream().map(FailureCode::name).collect(Collectors.joining(", ")));
    }

    private static String text(JsonNode node, String name, String where, boolean required) throws Invalid {
        JsonNode v = node.get(name);
        if (v == null && !required) return null;
        if (v == null || !v.isTextual()) throw new Invalid(where + "." + name + ": must be a string");
        return v.asText();
    }

    private static Duration duration(JsonNode node, String where) throws Invalid {
        Matcher m = node.isTextual() ? DURATION.matcher(node.asText().strip()) : null;
        if (m == null || !m.matches()) throw new Invalid(where + ": must be a duration such as 25ms, 2s or 1m");
        return Times.duration(Long.parseLong(m.group(1)), m.group(2));
    }

    private static void only(JsonNode node, String where, Set<String> allowed) throws Invalid {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f))
                throw new Invalid(where + ": unknown field \"" + f + "\" (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
    }
}
