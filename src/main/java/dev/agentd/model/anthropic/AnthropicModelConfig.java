package dev.agentd.model.anthropic;

import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.model.openai.RetryPolicy;
import okhttp3.HttpUrl;

/** Reads {@code anthropic:<model>} with {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL}. */
public final class AnthropicModelConfig {
    public static final String PREFIX = "anthropic:";

    private AnthropicModelConfig() {}

    /**
     * The model {@code name} names, with the production retry policy.
     *
     * @throws ConfigException naming the variable that is missing or wrong
     */
    public static AnthropicModel create(Config config, String name) {
        String model = name.substring(PREFIX.length()).strip();
        if (model.isEmpty()) {
            throw new ConfigException("AGENTD_MODEL: '" + name
                    + "' names no model (write anthropic:<model>, e.g. anthropic:claude-sonnet-4-5)");
        }
        String base = config.anthropicBaseUrl().strip();
        HttpUrl url = HttpUrl.parse(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (url == null) {
            throw new ConfigException("ANTHROPIC_BASE_URL: '" + base + "' is not valid (an http or https URL such as "
                    + "https://api.anthropic.com)");
        }
        String key = config.anthropicApiKey();
        if (key == null || key.isBlank()) {
            throw new ConfigException("ANTHROPIC_API_KEY is not set; " + name + " needs it");
        }
        if (config.modelThinkingTokens() > 0 && config.modelThinkingTokens() < 1024) {
            throw new ConfigException("AGENTD_MODEL_THINKING_TOKENS: Anthropic takes a thinking budget of 1024 tokens "
                    + "or more, not " + config.modelThinkingTokens());
        }
        return new AnthropicModel(
                url,
                key.strip(),
                model,
                config.modelMaxTokens(),
                config.modelThinkingTokens(),
                config.modelTimeout(),
                RetryPolicy.DEFAULT);
    }
}
