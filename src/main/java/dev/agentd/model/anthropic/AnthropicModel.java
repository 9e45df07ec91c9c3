package dev.agentd.model.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.TurnSink;
import dev.agentd.model.openai.ProviderErrors;
import dev.agentd.model.openai.ProviderHttp;
import dev.agentd.model.openai.RetryPolicy;
import dev.agentd.model.openai.RetryPolicy.Outcome;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A model behind Anthropic's Messages API, streamed. Calls that fail with 429, 5xx or 529
 * (overloaded), or that are cut before anything streamed, are tried again per {@link RetryPolicy},
 * honouring {@code retry-after}; once a piece has reached the client, a failure ends the turn.
 */
public final class AnthropicModel implements Model {
    /** The API version every request names. */
    static final String VERSION = "2023-06-01";

    private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper();
    private final MessagesRequest requests;
    private final ProviderErrors errors;
    private final RetryPolicy retry;

    /**
     * @param baseUrl the API root, such as {@code https://api.anthropic.com}
     * @param thinkingTokens the extended-thinking budget; 0 for none
     */
    public AnthropicModel(
            HttpUrl baseUrl,
            String apiKey,
            String model,
            int maxTokens,
            int thinkingTokens,
            Duration idleTimeout,
            RetryPolicy retry) {
        this.endpoint = baseUrl.newBuilder().addPathSegments("v1/messages").build();
        this.apiKey = apiKey;
        this.requests = new MessagesRequest(json, model, maxTokens, thinkingTokens);
        this.errors = new ProviderErrors(json, apiKey);
        this.retry = retry;
        this.http = ProviderHttp.client(idleTimeout);
    }

    @Override
    public long contextWindow() {
        return 200_000;
    }

    @Override
    public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
        Request call = new Request.Builder()
                .url(endpoint)
                .header("x-api-key", apiKey)
                .header("anthropic-version", VERSION)
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(requests.body(request), JSON))
                .build();
        return retry.call(() -> attempt(call, sink), sink);
    }

    private Outcome attempt(Request request, TurnSink sink) throws InterruptedException {
        MessagesStream turn = new MessagesStream(sink, json);
        Call call = http.newCall(request);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) return errors.refusal(response, "");
            read(response.body().source(), turn);
            return Outcome.success(turn.turn());
        } catch (IOException e) {
            call.cancel();
            if (Thread.interrupted()) throw new InterruptedException("cancelled while waiting for the model");
            String why = errors.describe(e);
            if (turn.streamed()) throw new ModelException("The model's stream ended early: " + why);
            return Outcome.failed("The model call failed: " + why, true, Optional.empty());
        } catch (ModelException e) {
            // an error event: overloaded before anything streamed may be tried again
            if (!turn.streamed() && e.getMessage().contains("verloaded")) {
                return Outcome.failed(e.getMessage(), true, Optional.empty());
            }
            throw e;
        }
    }

    /** Reads the {@code data:} lines of the event stream until {@code message_stop}. */
    private void read(BufferedSource source, MessagesStream turn) throws IOException, InterruptedException {
        for (String line; (line = source.readUtf8Line()) != null; ) {
            if (Thread.interrupted()) throw new InterruptedException("cancelled while the model was streaming");
            if (!line.startsWith("data:")) continue;
            String data = line.substring(5).strip();
            if (data.isEmpty()) continue;
            JsonNode event;
            try {
                event = json.readTree(data);
            } catch (IOException e) {
                throw new ModelException("The model provider sent an event that is not JSON");
            }
            turn.accept(event);
            if (turn.stopped()) return;
        }
        throw new EOFException("the connection closed before the turn was complete");
    }
}
