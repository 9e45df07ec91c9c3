package dev.agentd.model;

import java.util.List;

/** What a model gets for one turn. */
public record ModelRequest(String systemPrompt, List<ChatMessage> messages, List<ToolSpec> tools) {}
