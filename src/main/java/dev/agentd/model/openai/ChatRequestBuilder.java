package dev.agentd.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;

/** Maps a {@link ModelRequest} to the body of a streaming Chat Completions call. */
final class ChatRequestBuilder {
    private final ObjectMapper json;
    private final String model;

    ChatRequestBuilder(ObjectMapper json, String model) {
        this.json = json;
        this.model = model;
    }

    byte[] body(ModelRequest request) {
        try {
            return json.writeValueAsBytes(build(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode build(ModelRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("stream", true);
        // Without it a stream carries no token counts at all.
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        if (request.systemPrompt() != null && !request.systemPrompt().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.systemPrompt());
        }
        for (ChatMessage m : request.messages()) {
            messages.add(message(m));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                tools.add(tool(spec));
            }
        }
        return body;
    }

    private ObjectNode message(ChatMessage m) {
        ObjectNode out = json.createObjectNode();
        String content = m.content() == null ? "" : m.content();
        switch (m.role()) {
            case "user" -> out.put("role", "user").put("content", content);
            case "tool" ->
                out.put("role", "tool").put("tool_call_id", m.toolCallId()).put("content", content);
            case "assistant" -> {
                out.put("role", "assistant");
                boolean calls = m.toolCalls() != null && !m.toolCalls().isEmpty();
                // Providers reject an assistant turn with neither content nor tool calls, and some
                // reject "" next to tool calls; null is what OpenAI itself sends there.
                if (calls && content.isEmpty()) {
                    out.putNull("content");
                } else {
                    out.put("content", content);
                }
                if (calls) {
                    ArrayNode toolCalls = out.putArray("tool_calls");
                    for (ToolCall call : m.toolCalls()) {
                        toolCalls.add(toolCall(call));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown message role " + m.role());
        }
        return out;
    }

    private ObjectNode toolCall(ToolCall call) {
        ObjectNode out = json.createObjectNode();
        out.put("id", call.id());
        out.put("type", "function");
        ObjectNode function = out.putObject("function");
        function.put("name", call.name());
        // The wire format wants the arguments as a JSON string, not an object.
        function.put("arguments", call.args() == null ? "{}" : call.args().toString());
        return out;
    }

    private ObjectNode tool(ToolSpec spec) {
        ObjectNode out = json.createObjectNode();
        out.put("type", "function");
        ObjectNode function = out.putObject("function");
        function.put("name", spec.name());
        function.put("description", spec.description() == null ? "" : spec.description());
        if (spec.parameters() == null) {
            function.putObject("parameters").put("type", "object").putObject("properties");
        } else {
            function.set("parameters", spec.parameters());
        }
        return out;
    }
}
