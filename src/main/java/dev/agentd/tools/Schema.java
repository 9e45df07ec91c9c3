package dev.agentd.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small builder for the JSON schemas of tool arguments. */
public final class Schema {
    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final ObjectNode properties = root.putObject("properties");

    private Schema() {
        root.put("type", "object");
        root.putArray("required");
    }

    public static Schema object() {
        return new Schema();
    }

    public Schema property(String name, String type, String description, boolean required) {
        properties.putObject(name).put("type", type).put("description", description);
        if (required) root.withArray("required").add(name);
        return this;
    }

    public ObjectNode build() {
        return root.deepCopy();
    }
}
