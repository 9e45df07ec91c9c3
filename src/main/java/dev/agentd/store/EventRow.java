package dev.agentd.store;

/** One persisted stream event; {@code data} is its JSON text. */
public record EventRow(String taskId, long seq, long runId, String type, String data) {}
