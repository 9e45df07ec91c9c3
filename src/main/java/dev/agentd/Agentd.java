package dev.agentd;

import dev.agentd.config.ConfigLoader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * agentd started inside this JVM: the same server as {@code bin/agentd serve}, for tests and tools
 * that need a real Task API. This class and its builder are the promised surface; every other class
 * may change.
 *
 * <pre>{@code
 * try (Agentd agentd = Agentd.builder().dataDir(dir).start()) {
 *     // agentd.baseUrl() + "/api/v1/tasks" with "Authorization: Bearer " + agentd.apiKey()
 * }
 * }</pre>
 */
public final class Agentd implements AutoCloseable {
    private final App app;
    private final String apiKey;

    private Agentd(App app, String apiKey) {
        this.app = app;
        this.apiKey = apiKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the server listens, such as {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String baseUrl() {
        String host = app.config().host();
        boolean anyLocal = host.equals("localhost") || host.equals("0.0.0.0") || host.equals("::");
        return "http://" + App.hostShown(anyLocal ? "127.0.0.1" : host) + ":" + port();
    }

    public int port() {
        return app.port();
    }

    /** A key of this server, valid for the whole Task API. */
    public String apiKey() {
        return apiKey;
    }

    public Path dataDir() {
        return app.config().dataDir();
    }

    /** Stops the server as SIGTERM would: runs get the shutdown grace, then everything is closed. */
    @Override
    public void close() {
        app.close();
    }

    /** Settings as the command line has them; unset ones keep their defaults. */
    public static final class Builder {
        private final Map<String, String> settings = new HashMap<>();
        private String apiKey;

        private Builder() {
            settings.put("AGENTD_PORT", "0");
            settings.put("AGENTD_HOST", "127.0.0.1");
        }

        /** The data dir (required): its database and workspaces; one server at a time holds it. */
        public Builder dataDir(Path dir) {
            return setting("AGENTD_DATA_DIR", dir.toAbsolutePath().toString());
        }

        /** The port; 0 (the default here) picks a free one. */
        public Builder port(int port) {
            return setting("AGENTD_PORT", String.valueOf(port));
        }

        /** {@code builtin} (the default), {@code openai:<model>} or {@code script:<file>}. */
        public Builder model(String model) {
            return setting("AGENTD_MODEL", model);
        }

        /** The key to accept ({@code sigmic_} + 64 hex); by default one is made for this server. */
        public Builder apiKey(String key) {
            this.apiKey = Objects.requireNonNull(key);
            return this;
        }

        /** Any other setting by its variable's name, such as {@code AGENTD_BUILTIN_DELAY_MS}. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Starts the server and returns once it listens.
         *
         * @throws dev.agentd.config.ConfigException when a setting is not valid, naming it
         */
        public Agentd start() {
            if (!settings.containsKey("AGENTD_DATA_DIR")) throw new IllegalStateException("Agentd needs a dataDir");
            String key = apiKey != null ? apiKey : "sigmic_" + HexFormat.of().formatHex(random());
            Map<String, String> all = new HashMap<>(settings);
            all.put("AGENTD_API_KEY", key);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            return new Agentd(App.start(ConfigLoader.load(all, new String[0]), quiet), key);
        }

        private static byte[] random() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return bytes;
        }
    }
}
