package dev.agentd.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.model.ModelException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    /**
     * A provider's answer other than 2xx, as the outcome of the call: too long for the model, or
     * failed, to be tried again as its status and {@code Retry-After} say. {@code code}: an error
     * code of the provider's that its message may not repeat ({@code ""} when there is none).
     */
    public RetryPolicy.Outcome refusal(Response response, String code) {
        String said = fromResponse(response);
        String message = "The model provider answered HTTP " + response.code() + ": " + said;
        if (response.code() == 400 && ModelException.saysContextTooLong(said + " " + code)) {
            return RetryPolicy.Outcome.tooLong(message);
        }
        Optional<Duration> after = RetryPolicy.retryAfter(
                response.header("Retry-After"), response.header("retry-after-ms"), Instant.now());
        return RetryPolicy.Outcome.failed(message, RetryPolicy.retryable(response.code()), after);
    }

    /** Why a call broke off (a timeout, or the connection's own words), with the key cut out. */
    public String describe(IOException e) {
        String what = e instanceof InterruptedIOException
                ? "no data for longer than the model timeout"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return redact(what);
    }

    /** {@code text} with the key cut out and kept short enough for an event. */
    public String redact(String text) {
        String safe = apiKey == null ? text : text.replace(apiKey, "[redacted]");
        return safe.length() <= MAX_MESSAGE ? safe : safe.substring(0, MAX_MESSAGE) + "…";
    }
}
