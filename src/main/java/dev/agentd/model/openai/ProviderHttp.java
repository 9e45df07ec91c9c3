package dev.agentd.model.openai;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The HTTP client of a streaming model provider (OpenAI-compatible and Anthropic alike). */
public final class ProviderHttp {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(30);

    private ProviderHttp() {}

    /**
     * A client whose read timeout bounds each silent gap, not the whole turn: a long answer that
     * keeps streaming is fine, a provider that goes quiet for {@code idleTimeout} is not.
     */
    public static OkHttpClient client(Duration idleTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(idleTimeout.compareTo(MAX_CONNECT) < 0 ? idleTimeout : MAX_CONNECT)
                .readTimeout(idleTimeout)
                .writeTimeout(idleTimeout)
                .callTimeout(Duration.ZERO)
                .build();
    }
}
