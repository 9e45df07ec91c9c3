package dev.agentd.model.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ToolCall;
import dev.agentd.model.ToolSpec;

/**
 * The body of a streamed Messages API call. The prefix stays the same from call to call (system
 * prompt, then tools, then the conversation in order) and carries prompt-cache breakpoints at the
 * end of the system prompt and of the tools, so that the provider's cache serves it. Tool results
 * go back as {@code tool_result} blocks of a user turn; turns of the same role are merged, since the
 * API wants them to alternate.
 */
final class MessagesRequest {
    private final ObjectMapper json;
    private final String model;
    private final int maxTokens;
    private final int thinkingTokens;

    MessagesRequest(ObjectMapper json, String model, int maxTokens, int thinkingTokens) {
        this.json = json;
        this.model = model;
        this.maxTokens = maxTokens;
        this.thinkingTokens = thinkingTokens;
    }

    String body(ModelRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", thinkingTokens > 0 ? Math.max(maxTokens, thinkingTokens + 1024) : maxTokens);
        body.put("stream", true);
        if (thinkingTokens > 0 && thinkingCanGoOn(request)) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", thinkingTokens);
        }
        ArrayNode system = body.putArray("system");
        cached(system.addObject().put("type", "text").put("text", request.systemPrompt()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : request.tools()) {
                tools.addObject()
                        .put("name", t.name())
                        .put("description", t.description())
                        .set("input_schema", t.parameters());
            }
            cached((ObjectNode) tools.get(tools.size() - 1));
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) add(messages, m);
        return body.toString();
    }

    /**
     * Whether thinking may be asked for: not while the last model turn called tools without its signed
     * thinking (a run resumed after a restart, whose memory was rebuilt), which the API would refuse.
     */
    private static boolean thinkingCanGoOn(ModelRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage m = request.messages().get(i);
            if (m.role().equals("assistant")) return m.toolCalls().isEmpty() || m.reasoning() != null;
        }
        return true;
    }

    private static void cached(ObjectNode block) {
        block.putObject("cache_control").put("type", "ephemeral");
    }

    private void add(ArrayNode messages, ChatMessage m) {
        String role = m.role().equals("assistant") ? "assistant" : "user";
        ObjectNode last = messages.isEmpty() ? null : (ObjectNode) messages.get(messages.size() - 1);
        ArrayNode content = last != null && last.path("role").asText().equals(role)
                ? (ArrayNode) last.get("content")
                : messages.addObject().put("role", role).putArray("content");
        switch (m.role()) {
            case "tool" ->
                content.addObject()
                        .put("type", "tool_result")
                        .put("tool_use_id", m.toolCallId())
                        .put("content", m.content() == null ? "" : m.content());
            case "assistant" -> {
                if (m.reasoning() != null) m.reasoning().forEach(block -> content.add(block.deepCopy()));
                if (m.content() != null && !m.content().isBlank()) {
                    content.addObject().put("type", "text").put("text", m.content());
                }
                for (ToolCall c : m.toolCalls()) {
                    content.addObject()
                            .put("type", "tool_use")
                            .put("id", c.id())
                            .put("name", c.name())
                            .set("input", c.args());
                }
            }
            default -> content.addObject().put("type", "text").put("text", m.content() == null ? "" : m.content());
        }
        if (content.isEmpty()) content.addObject().put("type", "text").put("text", "(no text)");
    }

    /** The signed thinking blocks of a turn, to be sent back before its tool calls. */
    static JsonNode reasoningOf(ArrayNode thinking) {
        return thinking.isEmpty() ? null : thinking;
    }
}
