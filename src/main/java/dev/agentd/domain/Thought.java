package dev.agentd.domain;

/** A piece of the model's reasoning, as events and messages show it. */
public record Thought(String subject, String description) {}
