package dev.agentd.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The data of each live event of task-api.md §9, with its fields in the documented order; the type
 * of an event follows from its data and cannot disagree with it.
 */
public sealed interface EventData {
    @JsonIgnore
    EventType type();

    /** What a {@code status} event says. */
    enum StatusKind {
        PROCESSING,
        RETRYING,
        RESTORING,
        QUEUED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Status(StatusKind status, String message) implements EventData {
        public EventType type() {
            return EventType.STATUS;
        }
    }

    record ThoughtEvent(String subject, String description) implements EventData {
        public EventType type() {
            return EventType.THOUGHT;
        }
    }

    record Content(String text, boolean isPartial) implements EventData {
        public EventType type() {
            return EventType.CONTENT;
        }
    }

    record ToolCallEvent(String callId, String toolName, ToolCallStatus status, JsonNode args) implements EventData {
        public EventType type() {
            return EventType.TOOL_CALL;
        }
    }

    record ToolResultEvent(String callId, String toolName, ToolCallStatus status, String output) implements EventData {
        public EventType type() {
            return EventType.TOOL_RESULT;
        }
    }

    record Done(String finalResponse) implements EventData {
        public EventType type() {
            return EventType.DONE;
        }
    }

    record Failure(FailureCode code, String message) implements EventData {
        public EventType type() {
            return EventType.ERROR;
        }
    }

    /** A subagent's tool call: {@code start} when it begins, {@code end} with its output. */
    enum SubagentToolStatus {
        START,
        END;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a subagent stopped. */
    enum TerminateReason {
        GOAL,
        MAX_STEPS,
        ERROR,
        CANCELLED,
        TIMEOUT
    }

    record SubagentStart(String agentName, String displayName, String description, String objective)
            implements EventData {
        public EventType type() {
            return EventType.SUBAGENT_START;
        }
    }

    record SubagentThought(String agentName, String text) implements EventData {
        public EventType type() {
            return EventType.SUBAGENT_THOUGHT;
        }
    }

    /** {@code output} only on {@code end}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubagentTool(String agentName, SubagentToolStatus status, String toolName, String output)
            implements EventData {
        public EventType type() {
            return EventType.SUBAGENT_TOOL;
        }
    }

    record SubagentEnd(String agentName, TerminateReason terminateReason, String result) implements EventData {
        public EventType type() {
            return EventType.SUBAGENT_END;
        }
    }
}
