package dev.agentd.model;

import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.model.anthropic.AnthropicModelConfig;
import dev.agentd.model.builtin.BuiltinModel;
import dev.agentd.model.openai.OpenAiModelConfig;
import dev.agentd.model.script.ScriptModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The models runs use: the server's (AGENTD_MODEL), and those projects name, each made once. */
public final class Models {
    private final Model server;
    private final Function<String, Model> make;
    private final Map<String, Model> made = new ConcurrentHashMap<>();

    /** {@code make}: the model a name names, or ConfigException naming what is wrong. */
    public Models(Model server, Function<String, Model> make) {
        this.server = server;
        this.make = make;
    }

    /**
     * Makes the model {@code name} now, kept for the runs that name it.
     *
     * @throws ConfigException naming the setting that is missing or wrong
     */
    public void prepare(String name) {
        made.computeIfAbsent(name, make);
    }

    /**
     * The model {@code name} names; the server's when null.
     *
     * @throws ModelException when it cannot be made (a missing key, say), which fails the run
     */
    public Model named(String name) {
        if (name == null) return server;
        try {
            return made.computeIfAbsent(name, make);
        } catch (ConfigException e) {
            throw new ModelException("the project's model " + name + " cannot be used: " + e.getMessage());
        }
    }

    /**
     * The model {@code name} ({@code builtin}, {@code openai:<model>}, {@code anthropic:<model>} or
     * {@code script:<file>}) with
     * the rest of its settings from {@code config}.
     *
     * @throws ConfigException naming the setting that is missing or wrong
     */
    public static Model create(Config config, String name) {
        if (name.equals("builtin")) return new BuiltinModel(config.builtinFirstDelayMs(), config.builtinDelayMs());
        if (name.startsWith(OpenAiModelConfig.PREFIX)) return OpenAiModelConfig.create(config, name);
        if (name.startsWith(AnthropicModelConfig.PREFIX)) return AnthropicModelConfig.create(config, name);
        if (name.startsWith(ScriptModel.PREFIX)) {
            return ScriptModel.load(
                    Path.of(name.substring(ScriptModel.PREFIX.length())), Duration.ofMillis(config.builtinDelayMs()));
        }
        throw new ConfigException("AGENTD_MODEL: '" + name
                + "' is not valid (builtin, openai:<model>, anthropic:<model> or script:<file>)");
    }
}
