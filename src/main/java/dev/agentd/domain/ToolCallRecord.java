package dev.agentd.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A tool call as messages and {@code output} show it; {@code output} is null until it has one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCallRecord(String callId, String toolName, ToolCallStatus status, JsonNode args, String output) {
    public ToolCallRecord with(ToolCallStatus newStatus, String newOutput) {
        return new ToolCallRecord(callId, toolName, newStatus, args, newOutput);
    }
}
