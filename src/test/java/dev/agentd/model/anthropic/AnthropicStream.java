package dev.agentd.model.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;

/** A Messages API event stream as the provider sends it, built event by event for a stand-in server. */
final class AnthropicStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder body = new StringBuilder();
    private int index = -1;

    static AnthropicStream start(long inputTokens, long cachedTokens) {
        AnthropicStream s = new AnthropicStream();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_01")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-test");
        message.putArray("content");
        message.putObject("usage")
                .put("input_tokens", inputTokens)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", cachedTokens)
                .put("output_tokens", 1);
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        start.set("message", message);
        s.event("message_start", start);
        s.event("ping", JSON.createObjectNode().put("type", "ping"));
        return s;
    }

    AnthropicStream text(String... pieces) {
        ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", "");
        open(block);
        for (String p : pieces)
            delta(JSON.createObjectNode().put("type", "text_delta").put("text", p));
        return close();
    }

    AnthropicStream thinking(String... pieces) {
        open(JSON.createObjectNode().put("type", "thinking").put("thinking", ""));
        for (String p : pieces)
            delta(JSON.createObjectNode().put("type", "thinking_delta").put("thinking", p));
        delta(JSON.createObjectNode().put("type", "signature_delta").put("signature", "sig-abc"));
        return close();
    }

    /** A tool_use block whose input arrives as JSON cut into {@code pieces}. */
    AnthropicStream toolUse(String id, String name, String... pieces) {
        ObjectNode block =
                JSON.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        block.putObject("input");
        open(block);
        for (String p : pieces)
            delta(JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", p));
        return close();
    }

    AnthropicStream error(String type, String message) {
        ObjectNode e = JSON.createObjectNode().put("type", "error");
        e.putObject("error").put("type", type).put("message", message);
        return event("error", e);
    }

    AnthropicStream stop(String reason, long outputTokens) {
        ObjectNode d = JSON.createObjectNode().put("type", "message_delta");
        d.putObject("delta").put("stop_reason", reason).putNull("stop_sequence");
        d.putObject("usage").put("output_tokens", outputTokens);
        event("message_delta", d);
        return event("message_stop", JSON.createObjectNode().put("type", "message_stop"));
    }

    MockResponse response() {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(body.toString())
                .build();
    }

    /** The events so far, then the connection cut. */
    String cut() {
        return body.toString();
    }

    private void open(ObjectNode block) {
        index++;
        ObjectNode e =
                JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        event("content_block_start", e);
    }

    private void delta(ObjectNode delta) {
        ObjectNode e =
                JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        event("content_block_delta", e);
    }

    private AnthropicStream close() {
        return event(
                "content_block_stop",
                JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private AnthropicStream event(String name, ObjectNode data) {
        body.append("event: ")
                .append(name)
                .append('\n')
                .append("data: ")
                .append(data)
                .append("\n\n");
        return this;
    }

    /** An error answer in the API's shape. */
    static MockResponse failure(int code, String type, String message) {
        ObjectNode e = JSON.createObjectNode().put("type", "error");
        e.putObject("error").put("type", type).put("message", message);
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(e.toString())
                .build();
    }
}
