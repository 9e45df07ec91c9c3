package dev.agentd.model.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;

/**
 * A provider's streamed answer in the Chat Completions wire format: {@code data: <chunk>} blocks of
 * {@code chat.completion.chunk} objects as OpenAI sends them, ended by {@code data: [DONE]}.
 */
final class ProviderStream {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final StringBuilder body = new StringBuilder();

    /** A stream that opens the way OpenAI's do: the role, with empty content. */
    static ProviderStream start() {
        ProviderStream s = new ProviderStream();
        ObjectNode delta = MAPPER.createObjectNode().put("role", "assistant").put("content", "");
        delta.putNull("refusal");
        return s.chunk(delta, null);
    }

    ProviderStream content(String text) {
        return chunk(MAPPER.createObjectNode().put("content", text), null);
    }

    /** DeepSeek, llama.cpp and older vLLM name the field {@code reasoning_content}. */
    ProviderStream reasoningContent(String text) {
        return chunk(MAPPER.createObjectNode().putNull("content").put("reasoning_content", text), null);
    }

    /** Ollama, OpenRouter and newer vLLM name it {@code reasoning}. */
    ProviderStream reasoning(String text) {
        return chunk(MAPPER.createObjectNode().putNull("content").put("reasoning", text), null);
    }

    /** The first piece of a call: its index, id, name and empty arguments. */
    ProviderStream toolCall(int index, String id, String name) {
        ObjectNode call =
                MAPPER.createObjectNode().put("index", index).put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        return toolCallDelta(call);
    }

    /** A later piece of a call: only its index and a fragment of the arguments. */
    ProviderStream arguments(int index, String fragment) {
        ObjectNode call = MAPPER.createObjectNode().put("index", index);
        call.putObject("function").put("arguments", fragment);
        return toolCallDelta(call);
    }

    ProviderStream finish(String reason) {
        return chunk(MAPPER.createObjectNode(), reason);
    }

    /** The last chunk when {@code stream_options.include_usage} is set: no choices, just the counts. */
    ProviderStream usage(long prompt, long completion) {
        ObjectNode chunk = envelope();
        chunk.putArray("choices");
        chunk.putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return raw(chunk.toString());
    }

    ProviderStream raw(String data) {
        body.append("data: ").append(data).append("\n\n");
        return this;
    }

    ProviderStream done() {
        return raw("[DONE]");
    }

    String body() {
        return body.toString();
    }

    MockResponse response() {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(body.toString())
                .build();
    }

    /** A whole text answer with usage, as a 200 response. */
    static MockResponse text(String text, long prompt, long completion) {
        ProviderStream s = start();
        for (String word : text.split("(?<= )")) s.content(word);
        return s.finish("stop").usage(prompt, completion).done().response();
    }

    /** An error answer with OpenAI's error body. */
    static MockResponse error(int code, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", "invalid_request_error")
                .putNull("param")
                .put("code", code == 401 ? "invalid_api_key" : code == 429 ? "rate_limit_exceeded" : "server_error");
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    private ProviderStream toolCallDelta(ObjectNode call) {
        ObjectNode delta = MAPPER.createObjectNode();
        ArrayNode calls = delta.putArray("tool_calls");
        calls.add(call);
        return chunk(delta, null);
    }

    private ProviderStream chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        chunk.putNull("usage");
        return raw(chunk.toString());
    }

    private static ObjectNode envelope() {
        return MAPPER.createObjectNode()
                .put("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT")
                .put("object", "chat.completion.chunk")
                .put("created", 1741570283)
                .put("model", "test-model")
                .put("service_tier", "default")
                .put("system_fingerprint", "fp_eb9dce56a8");
    }
}
