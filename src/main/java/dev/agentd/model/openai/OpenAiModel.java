package dev.agentd.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.model.Model;
import dev.agentd.model.ModelException;
import dev.agentd.model.ModelRequest;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.TurnSink;
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
 * A model behind any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama, vLLM, llama.cpp…),
 * streamed. Failed calls are retried per {@link RetryPolicy} only while nothing of the turn has been
 * streamed, so that no piece ever reaches the client twice.
 */
public final class OpenAiModel implements Model {
    private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final ObjectMapper json;
    private final ChatRequestBuilder requests;
    private final ProviderErrors errors;
    private final RetryPolicy retry;

    /**
     * @param baseUrl the API root, such as {@code https://api.openai.com/v1}
     * @param apiKey sent as a bearer token; null for servers that need none
     * @param idleTimeout how long the provider may send nothing before the call counts as failed
     */
    public OpenAiModel(HttpUrl baseUrl, String apiKey, String model, Duration idleTimeout, RetryPolicy retry) {
        this.endpoint = baseUrl.newBuilder().addPathSegments("chat/completions").build();
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.json = new ObjectMapper();
        this.requests = new ChatRequestBuilder(json, model);
        this.errors = new ProviderErrors(json, this.apiKey);
        this.retry = retry;
        this.http = ProviderHttp.client(idleTimeout);
    }

    /** What today's hosted models of this API take; servers of smaller models need AGENTD_MODEL_CONTEXT_TOKENS. */
    @Override
    public long contextWindow() {
        return 128_000;
    }

    @Override
    public ModelTurn next(ModelRequest request, TurnSink sink) throws InterruptedException {
        Request call = new Request.Builder()
                .url(endpoint)
                .headers(headers())
                .post(RequestBody.create(requests.body(request), JSON))
                .build();
        return retry.call(() -> attempt(call, sink), sink);
    }

    /** One call: its turn, or why it failed and whether another call may help. */
    private Outcome attempt(Request request, TurnSink sink) throws InterruptedException {
        StreamAssembler turn = new StreamAssembler(sink, json, errors);
        Call call = http.newCall(request);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) return errors.refusal(response, peekCode(response));
            read(response.body().source(), turn);
            return Outcome.success(turn.turn());
        } catch (IOException e) {
            call.cancel();
            if (Thread.interrupted()) throw new InterruptedException("cancelled while waiting for the model");
            if (turn.streamed()) {
                throw new ModelException("The model's stream ended early: " + errors.describe(e));
            }
            return Outcome.failed("The model call failed: " + errors.describe(e), true, Optional.empty());
        }
    }

    /** Reads {@code data:} lines until {@code [DONE]}; other SSE lines (comments, ids, blanks) carry nothing. */
    private void read(BufferedSource source, StreamAssembler turn) throws IOException, InterruptedException {
        boolean sawData = false;
        for (String line; (line = source.readUtf8Line()) != null; ) {
            if (Thread.interrupted()) throw new InterruptedException("cancelled while the model was streaming");
            if (!sawData && line.startsWith("{")) throw notStreamed(line + source.readUtf8());
            if (!line.startsWith("data:")) continue;
            sawData = true;
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) return;
            if (data.isEmpty()) continue;
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (IOException e) {
                throw new ModelException("The model provider sent a chunk that is not JSON");
            }
            turn.accept(chunk);
        }
        // Some servers close without [DONE]; a finish_reason says the turn is whole all the same.
        if (!turn.finished()) throw new EOFException("the connection closed before the turn was complete");
    }

    /** A plain JSON body where a stream was asked for: an error, or a server that ignores {@code stream}. */
    private ModelException notStreamed(String body) {
        String why = "the endpoint ignored stream: true";
        try {
            why = errors.describe(json.readTree(body), why);
        } catch (IOException notJson) {
            // keep the general reason
        }
        return new ModelException("The model provider answered without streaming: " + why);
    }

    private okhttp3.Headers headers() {
        okhttp3.Headers.Builder h = new okhttp3.Headers.Builder().add("Accept", "text/event-stream");
        if (apiKey != null) h.add("Authorization", "Bearer " + apiKey);
        return h.build();
    }

    /** OpenAI's error code ({@code context_length_exceeded}), which its message may not repeat. */
    private String peekCode(Response response) {
        try {
            return json.readTree(response.peekBody(64 * 1024).string())
                    .path("error")
                    .path("code")
                    .asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
