package dev.agentd.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool call waiting for its approval: which tool, with what arguments. */
public record PendingApproval(String callId, String toolName, JsonNode args) {}
