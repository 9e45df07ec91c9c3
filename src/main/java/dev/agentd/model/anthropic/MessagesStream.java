package dev.agentd.model.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.TurnSink;
import dev.agentd.model.openai.ThoughtBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles a turn from the Messages API's stream events: text deltas streamed as they come, tool
 * calls from their streamed JSON, thinking as thoughts (and kept, signed, for the next request), and
 * the usage of {@code message_start} and {@code message_delta}.
 */
final class MessagesStream {
    private final TurnSink sink;
    private final ObjectMapper json;
    private final ThoughtBuffer thoughts;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, Block> blocks = new TreeMap<>();
    private final ArrayNode thinking;
    private long inputTokens;
    private long cachedTokens;
    private long outputTokens;
    private boolean streamed;
    private boolean stopped;

    /** A content block being streamed: its kind, a tool call's id and name, and what has arrived. */
    private static final class Block {
        final String type;
        final String id;
        final String name;
        final StringBuilder data = new StringBuilder();
        String signature;

        Block(String type, String id, String name) {
            this.type = type;
            this.id = id;
            this.name = name;
        }
    }

    MessagesStream(TurnSink sink, ObjectMapper json) {
        this.sink = sink;
        this.json = json;
        this.thoughts = new ThoughtBuffer(sink);
        this.thinking = json.createArrayNode();
    }

    /** Whether any of the turn reached the client (then it cannot be tried again). */
    boolean streamed() {
        return streamed;
    }

    boolean stopped() {
        return stopped;
    }

    void accept(JsonNode event) {
        switch (event.path("type").asText()) {
            case "message_start" -> usage(event.path("message").path("usage"));
            case "content_block_start" -> {
                JsonNode b = event.path("content_block");
                blocks.put(
                        event.path("index").asInt(),
                        new Block(
                                b.path("type").asText(),
                                b.path("id").asText(null),
                                b.path("name").asText(null)));
                if (b.path("type").asText().equals("redacted_thinking")) thinking.add(b.deepCopy());
                if (b.path("type").asText().equals("text")
                        && !b.path("text").asText().isEmpty()) {
                    text(b.path("text").asText());
                }
            }
            case "content_block_delta" -> delta(blocks.get(event.path("index").asInt()), event.path("delta"));
            case "content_block_stop" -> stop(blocks.get(event.path("index").asInt()));
            case "message_delta" -> usage(event.path("usage"));
            case "message_stop" -> stopped = true;
            case "error" ->
                throw new ModelException("The model provider reported an error: "
                        + event.path("error").path("message").asText("unknown error"));
            default -> {} // ping, and event types added later
        }
    }

    private void usage(JsonNode usage) {
        if (!usage.isObject()) return;
        if (usage.has("input_tokens")) {
            cachedTokens = usage.path("cache_read_input_tokens").asLong(0);
            inputTokens = usage.path("input_tokens").asLong(0)
                    + cachedTokens
                    + usage.path("cache_creation_input_tokens").asLong(0);
        }
        if (usage.has("output_tokens"))
            outputTokens = usage.path("output_tokens").asLong(outputTokens);
    }

    private void delta(Block block, JsonNode delta) {
        if (block == null) throw new ModelException("The model provider streamed a delta of an unknown block");
        switch (delta.path("type").asText()) {
            case "text_delta" -> text(delta.path("text").asText());
            case "input_json_delta" ->
                block.data.append(delta.path("partial_json").asText());
            case "thinking_delta" -> {
                streamed = true; // thoughts reach the client too: a retry would show them twice
                block.data.append(delta.path("thinking").asText());
                thoughts.append(delta.path("thinking").asText());
            }
            case "signature_delta" -> block.signature = delta.path("signature").asText();
            default -> {}
        }
    }

    private void text(String piece) {
        if (piece.isEmpty()) return;
        thoughts.flush();
        text.append(piece);
        streamed = true;
        sink.content(piece);
    }

    private void stop(Block block) {
        if (block == null || !block.type.equals("thinking")) return;
        thoughts.flush();
        ObjectNode kept = thinking.addObject().put("type", "thinking").put("thinking", block.data.toString());
        if (block.signature != null) kept.put("signature", block.signature);
    }

    ModelTurn turn() {
        thoughts.flush();
        List<ToolCall> calls = new ArrayList<>();
        for (Block b : blocks.values()) {
            if (!b.type.equals("tool_use")) continue;
            ObjectNode args;
            try {
                String raw = b.data.toString().strip();
                args = raw.isEmpty() ? json.createObjectNode() : (ObjectNode) json.readTree(raw);
            } catch (IOException | ClassCastException e) {
                throw new ModelException("The model sent arguments for " + b.name + " that are not a JSON object");
            }
            calls.add(new ToolCall(b.id, b.name, args));
        }
        return new ModelTurn(
                text.toString(), calls, inputTokens, outputTokens, cachedTokens, MessagesRequest.reasoningOf(thinking));
    }
}
