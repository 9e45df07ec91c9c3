package dev.agentd.model.openai;

import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import java.util.Locale;
import okhttp3.HttpUrl;

/** Reads {@code openai:<model>} (AGENTD_MODEL's or a project's), {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY}. */
public final class OpenAiModelConfig {
    public static final String PREFIX = "openai:";
    private static final String OPENAI_HOST = "api.openai.com";

    private OpenAiModelConfig() {}

    /**
     * The model the settings name, with the production retry policy.
     *
     * @throws ConfigException naming the variable that is missing or wrong
     */
    public static OpenAiModel create(Config config, String name) {
        String model = name.substring(PREFIX.length()).strip();
        if (model.isEmpty()) {
            throw new ConfigException(
                    "AGENTD_MODEL: '" + name + "' names no model (write openai:<model>, e.g. openai:gpt-4o-mini)");
        }
        String base = config.openaiBaseUrl().strip();
        HttpUrl url = HttpUrl.parse(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (url == null) {
            throw new ConfigException("OPENAI_BASE_URL: '" + base + "' is not valid (an http or https URL such as "
                    + "https://api.openai.com/v1)");
        }
        String key = config.openaiApiKey();
        boolean hasKey = key != null && !key.isBlank();
        // Local servers (Ollama, vLLM, llama.cpp) usually need no key; OpenAI itself always does.
        if (!hasKey && url.host().toLowerCase(Locale.ROOT).equals(OPENAI_HOST)) {
            throw new ConfigException("OPENAI_API_KEY is not set; " + url + " needs it (AGENTD_MODEL=" + name
                    + "). Set OPENAI_API_KEY, or OPENAI_BASE_URL for a server that needs no key.");
        }
        return new OpenAiModel(url, hasKey ? key.strip() : null, model, config.modelTimeout(), RetryPolicy.DEFAULT);
    }
}
