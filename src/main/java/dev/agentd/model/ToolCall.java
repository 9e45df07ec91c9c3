package dev.agentd.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A model's request to run one tool; {@code id} ties the call to its result. */
public record ToolCall(String id, String name, ObjectNode args) {}
