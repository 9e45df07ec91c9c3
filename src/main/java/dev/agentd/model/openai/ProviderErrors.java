package dev.agentd.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Response;

/**
 * Turns what a provider says about a failure into a message for the run's error: the provider's own
 * words where it gives them, never the API key (some proxies echo the Authorization header back).
 */
public final class ProviderErrors {
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_MESSAGE = 500;

    private final ObjectMapper json;
    private final String apiKey;

    public ProviderErrors(ObjectMapper json, String apiKey) {
        this.json = json;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** The message of a failed HTTP response, from its body when it has one. */
    public String fromResponse(Response response) {
        String body;
        try {
            body = response.peekBody(MAX_BODY).string();
        } catch (IOException e) {
            body = "";
        }
        String fallback = response.message().isBlank() ? "no message" : response.message();
        JsonNode parsed = null;
        try {
            parsed = body.isBlank() ? null : json.readTree(body);
        } catch (IOException notJson) {
            // plain text or HTML: used as it is below
        }
        if (parsed != null && parsed.isObject()) return describe(parsed, fallback);
        String text = body.strip();
        boolean html = text.startsWith("<");
        return redact(text.isEmpty() || html ? fallback : text);
    }

    /**
     * The message of an error object: OpenAI's {@code {"error":{"message":…}}}, Ollama's
     * {@code {"error":"…"}}, vLLM's {@code {"message":…}} and FastAPI's {@code {"detail":…}}.
     */
    public String describe(JsonNode body, String fallback) {
        JsonNode error = body.path("error");
        String message;
        if (error.isTextual()) {
            message = error.asText();
        } else if (error.path("message").isTextual()) {
            message = error.path("message").asText();
        } else if (body.path("message").isTextual()) {
            message = body.path("message").asText();
        } else if (body.path("detail").isTextual()) {
            message = body.path("detail").asText();
        } else if (!body.path("detail").isMissingNode()) {
            message = body.path("detail").toString();
        } else {
            message = fallback;
        }
        return redact(message.isBlank() ? fallback : message);
    }

    /** {@code text} with the key cut out and kept short enough for an event. */
    public String redact(String text) {
        String safe = apiKey == null ? text : text.replace(apiKey, "[redacted]");
        return safe.length() <= MAX_MESSAGE ? safe : safe.substring(0, MAX_MESSAGE) + "…";
    }
}
