package dev.agentd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every setting of agentd, read once at start-up (agent.md §7). */
public record Config(
        String host,
        int port,
        Path dataDir,
        Path workspacesDir,
        String apiKey,
        String model,
        List<String> models,
        Duration retention,
        Duration sessionIdleTimeout,
        Duration heartbeat,
        int maxSteps,
        int maxConcurrentRuns,
        int maxConcurrentRunsPerKey,
        long maxMessageSize,
        int maxFiles,
        long maxFileSize,
        int zipMaxEntries,
        long zipMaxBytes,
        long workspaceQuota,
        String sandbox,
        boolean sandboxNetwork,
        int commandMaxProcesses,
        long commandMaxMemory,
        long commandMaxFileSize,
        Duration commandMaxCpuTime,
        Duration shutdownGrace,
        long builtinDelayMs,
        long builtinFirstDelayMs,
        boolean widgetTokens,
        Duration tokenMaxExpiry,
        String secretsKey,
        int endUserRate,
        int appRate,
        int endUserMaxRuns,
        String openaiBaseUrl,
        String openaiApiKey,
        String anthropicBaseUrl,
        String anthropicApiKey,
        Duration modelTimeout,
        Integer modelContextTokens,
        int modelMaxTokens,
        int modelThinkingTokens,
        boolean mcpAllowPrivate,
        Duration mcpStartTimeout,
        Duration mcpCallTimeout,
        Duration subagentTimeout,
        DatabaseSettings database,
        NodeSettings node,
        MetricsSettings metrics,
        WebhookSettings webhooks,
        LogFormat logFormat) {

    /** PostgreSQL at {@code url} (null: SQLite in the data dir), with the credentials the URL does not carry. */
    public record DatabaseSettings(String url, String user, String password, int poolSize) {
        public boolean postgres() {
            return url != null;
        }

        @Override
        public String toString() {
            return "DatabaseSettings[postgres=" + postgres() + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * This node among the nodes of one PostgreSQL: how long it may go unheard before the others take
     * its tasks over, and where they reach its API (null: from the host and port it listens on).
     */
    public record NodeSettings(Duration timeout, String url) {}

    /** Where /metrics is served: on the API's port when {@code port} is null; a bearer token when {@code token} is set. */
    public record MetricsSettings(boolean enabled, Integer port, String host, String token) {
        @Override
        public String toString() {
            return "MetricsSettings[enabled=" + enabled + ", port=" + port + "]";
        }
    }

    /** The server's webhook signing secret (null: tasks of projects without one are not signed), and delivery limits. */
    public record WebhookSettings(String secret, boolean allowPrivate, Duration timeout, Duration retryDelay) {
        @Override
        public String toString() {
            return "WebhookSettings[allowPrivate=" + allowPrivate + ", timeout=" + timeout + ", retryDelay="
                    + retryDelay + "]";
        }
    }

    public enum LogFormat {
        TEXT,
        JSON
    }

    @Override
    public String toString() {
        // Keys never reach a log line through an accidental toString.
        return "Config[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", model=" + model + "]";
    }
}
