package dev.agentd.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tool as the model sees it: name, purpose and a JSON schema of its arguments. */
public record ToolSpec(String name, String description, ObjectNode parameters) {}
