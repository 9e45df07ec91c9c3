package dev.agentd.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.ToolCall;
import dev.agentd.model.TurnSink;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds one model turn from the {@code chat.completion.chunk}s of a stream: text deltas go to the
 * sink as they arrive, reasoning deltas become thoughts, and tool calls are put together from their
 * indexed pieces (id and name first, the arguments JSON in fragments).
 */
final class StreamAssembler {
    private final TurnSink sink;
    private final ObjectMapper json;
    private final ProviderErrors errors;
    private final ThoughtBuffer thoughts;
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Integer, PartialCall> calls = new TreeMap<>();
    private boolean contentSent;
    private boolean finished;
    private long promptTokens;
    private long completionTokens;
    private long cachedTokens;

    StreamAssembler(TurnSink sink, ObjectMapper json, ProviderErrors errors) {
        this.sink = sink;
        this.json = json;
        this.errors = errors;
        this.thoughts = new ThoughtBuffer(sink);
    }

    /** Takes the next chunk; a chunk that carries an error ends the turn with the provider's message. */
    void accept(JsonNode chunk) {
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            throw new ModelException(
                    "The model provider reported an error: " + errors.describe(chunk, "unknown error"));
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asLong(promptTokens);
            completionTokens = usage.path("completion_tokens").asLong(completionTokens);
            cachedTokens =
                    usage.path("prompt_tokens_details").path("cached_tokens").asLong(cachedTokens);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) continue;
            delta(choice.path("delta"));
            if (choice.hasNonNull("finish_reason")) finished = true;
        }
    }

    private void delta(JsonNode delta) {
        String reasoning = firstText(delta, "reasoning_content", "reasoning");
        if (reasoning != null) thoughts.append(reasoning);
        String content = firstText(delta, "content", "refusal");
        if (content != null && !content.isEmpty()) {
            thoughts.flush();
            text.append(content);
            contentSent = true;
            sink.content(content);
        }
        for (JsonNode part : delta.path("tool_calls")) {
            thoughts.flush();
            call(part).add(part);
        }
    }

    /** The call a piece belongs to: by index, or for providers that send no index, by id or the last one. */
    private PartialCall call(JsonNode part) {
        int index;
        if (part.hasNonNull("index")) {
            index = part.get("index").asInt();
        } else {
            String id = part.path("id").asText(null);
            index = calls.isEmpty() ? 0 : calls.lastKey();
            if (id != null
                    && calls.containsKey(index)
                    && calls.get(index).id != null
                    && !calls.get(index).id.equals(id)) {
                index++;
            }
        }
        return calls.computeIfAbsent(index, i -> new PartialCall());
    }

    /** Whether anything of this turn has reached the sink, after which the call must not be repeated. */
    boolean streamed() {
        return contentSent || thoughts.sent();
    }

    /** Whether the provider said why the turn ended (a {@code finish_reason}). */
    boolean finished() {
        return finished;
    }

    ModelTurn turn() {
        thoughts.flush();
        List<ToolCall> done = new ArrayList<>();
        for (PartialCall c : calls.values()) {
            String id = c.id == null
                    ? "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
                    : c.id;
            done.add(new ToolCall(id, c.name.toString(), arguments(c.arguments.toString())));
        }
        return new ModelTurn(text.toString(), done, promptTokens, completionTokens, cachedTokens, null);
    }

    /**
     * Arguments as an object. A model that double-encodes them is forgiven; text that is not JSON at
     * all is handed on under {@code invalid_arguments}, so the tool fails and the model can correct
     * itself, rather than the whole run ending.
     */
    private ObjectNode arguments(String raw) {
        if (raw.isBlank()) return json.createObjectNode();
        try {
            JsonNode parsed = json.readTree(raw);
            if (parsed != null && parsed.isTextual()) parsed = json.readTree(parsed.asText());
            if (parsed instanceof ObjectNode object) return object;
        } catch (JsonProcessingException notJson) {
            // handed on below
        }
        ObjectNode wrapped = json.createObjectNode();
        wrapped.put("invalid_arguments", raw);
        return wrapped;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && v.isTextual()) return v.asText();
        }
        return null;
    }

    private static final class PartialCall {
        String id;
        final StringBuilder name = new StringBuilder();
        final StringBuilder arguments = new StringBuilder();

        void add(JsonNode part) {
            if (id == null && part.hasNonNull("id") && !part.get("id").asText().isEmpty())
                id = part.get("id").asText();
            JsonNode function = part.path("function");
            // The name comes whole in the first piece; some servers repeat it in later ones.
            if (name.isEmpty() && function.hasNonNull("name"))
                name.append(function.get("name").asText());
            if (function.hasNonNull("arguments"))
                arguments.append(function.get("arguments").asText());
        }
    }
}
