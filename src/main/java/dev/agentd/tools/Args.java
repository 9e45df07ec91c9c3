package dev.agentd.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads tool arguments leniently (models send numbers as strings and the like); a missing required one is an error. */
public final class Args {
    private final ObjectNode args;

    public Args(ObjectNode args) {
        this.args = args;
    }

    public String text(String name, String fallback) {
        JsonNode v = args.get(name);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** A required string argument. */
    public String required(String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) throw new ToolFailure("missing argument '" + name + "'");
        return v.asText();
    }

    public long number(String name, long fallback) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) return fallback;
        if (v.isNumber()) return v.asLong();
        try {
            return Long.parseLong(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new ToolFailure("argument '" + name + "' must be a number");
        }
    }

    public boolean flag(String name, boolean fallback) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) return fallback;
        return v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
    }
}
