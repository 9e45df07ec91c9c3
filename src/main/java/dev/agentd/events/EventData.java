package dev.agentd.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The data of each live event of task-api.md §9, with its fields in the documented order. */
public final class EventData {
    private EventData() {}

    public record Status(String status, String message) {}

    public record ToolCallData(String callId, String toolName, String status, JsonNode args) {}

    public record ToolResultData(String callId, String toolName, String status, String output) {}

    public record Done(String finalResponse) {}

    public record Error(String code, String message) {}
}
