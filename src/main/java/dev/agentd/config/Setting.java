package dev.agentd.config;

import java.util.List;
import java.util.Locale;

/**
 * Every setting of agentd (agent.md §7): its environment variable, its default, the kind of value it
 * takes and what it means. The one table the configuration is read from, --help is printed from,
 * and unknown names are checked against. A command-line flag of the same name in kebab-case
 * overrides the variable ({@code --max-files 5} for {@code AGENTD_MAX_FILES}).
 */
public enum Setting {
    HOST("AGENTD_HOST", "localhost", Kind.TEXT, "address to listen on; localhost listens on both 127.0.0.1 and ::1"),
    PORT("AGENTD_PORT", "8080", Kind.PORT, "port; 0 picks a free one (printed)"),
    DATA_DIR(
            "AGENTD_DATA_DIR",
            "./data",
            Kind.TEXT,
            "this node's own files: the database (agentd.db, unless PostgreSQL), its lock, keys and scratch space"),
    WORKSPACES_DIR(
            "AGENTD_WORKSPACES_DIR",
            null,
            Kind.TEXT,
            "the task workspaces; every node on one PostgreSQL points at the same one (default: <data dir>/workspaces)"),
    API_KEY(
            "AGENTD_API_KEY",
            null,
            Kind.TEXT,
            "a key (sigmic_ + 64 hex) made valid at start-up, for scripts and tests"),
    MODEL(
            "AGENTD_MODEL",
            "builtin",
            Kind.TEXT,
            "builtin, openai:<model>, anthropic:<model> or script:<file> (a scripted model, see README)"),
    MODELS(
            "AGENTD_MODELS",
            null,
            Kind.TEXT,
            "models a task may choose with its model field, comma-separated (default: just AGENTD_MODEL)"),
    RETENTION(
            "AGENTD_RETENTION",
            null,
            Kind.POSITIVE_DURATION,
            "delete finished tasks (events, messages, workspace) idle this long, e.g. 30d (default: keep them)"),
    SESSION_IDLE_TIMEOUT(
            "AGENTD_SESSION_IDLE_TIMEOUT",
            "30m",
            Kind.DURATION,
            "a session idle this long is released (memory, grants, secrets); a follow-up restores it"),
    HEARTBEAT("AGENTD_HEARTBEAT", "15s", Kind.POSITIVE_DURATION, ":heartbeat comment interval on streams"),
    MAX_STEPS("AGENTD_MAX_STEPS", "50", Kind.COUNT, "model turns per run before it ends with MAX_STEPS"),
    MAX_CONCURRENT_RUNS(
            "AGENTD_MAX_CONCURRENT_RUNS",
            "64",
            Kind.COUNT,
            "runs at once; more wait as pending (a run waiting for approval holds no slot)"),
    MAX_CONCURRENT_RUNS_PER_KEY(
            "AGENTD_MAX_CONCURRENT_RUNS_PER_KEY",
            null,
            Kind.COUNT,
            "runs at once of one key; default three quarters of AGENTD_MAX_CONCURRENT_RUNS"),
    MAX_MESSAGE_SIZE("AGENTD_MAX_MESSAGE_SIZE", "1MB", Kind.SIZE, "largest message or system prompt"),
    MAX_FILES("AGENTD_MAX_FILES", "20", Kind.COUNT, "files per request"),
    MAX_FILE_SIZE("AGENTD_MAX_FILE_SIZE", "50MB", Kind.SIZE, "size of each uploaded file"),
    ZIP_MAX_ENTRIES("AGENTD_ZIP_MAX_ENTRIES", "10000", Kind.COUNT, "entries per uploaded ZIP"),
    ZIP_MAX_BYTES("AGENTD_ZIP_MAX_BYTES", "1GB", Kind.SIZE, "bytes a ZIP may inflate to (counted while inflating)"),
    WORKSPACE_QUOTA("AGENTD_WORKSPACE_QUOTA", "1GB", Kind.SIZE, "disk per task workspace"),
    SANDBOX(
            "AGENTD_SANDBOX",
            "auto",
            Kind.CHOICE,
            "auto (bubblewrap if it works, else none with a warning), bwrap (refuse to start without it), none",
            "auto",
            "bwrap",
            "none"),
    SANDBOX_NETWORK("AGENTD_SANDBOX_NETWORK", "false", Kind.BOOL, "let sandboxed commands use the network"),
    COMMAND_MAX_PROCESSES("AGENTD_COMMAND_MAX_PROCESSES", "256", Kind.COUNT, "processes one command may run at once"),
    COMMAND_MAX_MEMORY(
            "AGENTD_COMMAND_MAX_MEMORY", "4GB", Kind.SIZE, "memory of each process of a command, and its /tmp"),
    COMMAND_MAX_FILE_SIZE(
            "AGENTD_COMMAND_MAX_FILE_SIZE",
            "1GB",
            Kind.SIZE,
            "largest file a command may write (never more than what is left of the quota)"),
    COMMAND_MAX_CPU_TIME(
            "AGENTD_COMMAND_MAX_CPU_TIME", "10m", Kind.POSITIVE_DURATION, "CPU time of each process of a command"),
    MCP_ALLOW_PRIVATE(
            "AGENTD_MCP_ALLOW_PRIVATE",
            "false",
            Kind.BOOL,
            "let remote MCP servers be on loopback, private or link-local addresses"),
    MCP_START_TIMEOUT(
            "AGENTD_MCP_START_TIMEOUT",
            "30s",
            Kind.POSITIVE_DURATION,
            "how long an MCP server may take to start; one that takes longer is left out of the run"),
    MCP_CALL_TIMEOUT(
            "AGENTD_MCP_CALL_TIMEOUT",
            "5m",
            Kind.POSITIVE_DURATION,
            "how long an MCP tool call may take (a remote server's timeout overrides it)"),
    SUBAGENT_TIMEOUT(
            "AGENTD_SUBAGENT_TIMEOUT",
            "10m",
            Kind.POSITIVE_DURATION,
            "how long a subagent may work on a delegation before it ends with TIMEOUT"),
    DATABASE_URL(
            "AGENTD_DATABASE_URL",
            null,
            Kind.TEXT,
            "PostgreSQL instead of SQLite: postgresql://user:password@host:5432/db or jdbc:postgresql://..."),
    DATABASE_USER("AGENTD_DATABASE_USER", null, Kind.TEXT, "the PostgreSQL user when the URL names none"),
    DATABASE_PASSWORD("AGENTD_DATABASE_PASSWORD", null, Kind.TEXT, "the PostgreSQL password when the URL carries none"),
    DATABASE_POOL_SIZE(
            "AGENTD_DATABASE_POOL_SIZE", "16", Kind.COUNT, "PostgreSQL connections this node keeps open at most"),
    NODE_TIMEOUT(
            "AGENTD_NODE_TIMEOUT",
            "15s",
            Kind.POSITIVE_DURATION,
            "with PostgreSQL: a node not heard from this long is gone, and another takes its tasks over"),
    NODE_URL(
            "AGENTD_NODE_URL",
            null,
            Kind.TEXT,
            "with PostgreSQL: where the other nodes reach this node's API (default: http://<AGENTD_HOST>:<port>)"),
    METRICS("AGENTD_METRICS", "true", Kind.BOOL, "serve Prometheus metrics at /metrics"),
    METRICS_PORT(
            "AGENTD_METRICS_PORT",
            null,
            Kind.PORT,
            "serve /metrics on this port (on AGENTD_METRICS_HOST) instead of the API's (default: the API's port)"),
    METRICS_HOST("AGENTD_METRICS_HOST", null, Kind.TEXT, "the address of AGENTD_METRICS_PORT (default: AGENTD_HOST)"),
    METRICS_TOKEN(
            "AGENTD_METRICS_TOKEN",
            null,
            Kind.TEXT,
            "scrapes must send 'Authorization: Bearer <this>' (default: none)"),
    WEBHOOK_SECRET(
            "AGENTD_WEBHOOK_SECRET",
            null,
            Kind.TEXT,
            "signs webhook deliveries (Standard Webhooks): whsec_ and base64; a project's own secret wins"),
    WEBHOOK_ALLOW_PRIVATE(
            "AGENTD_WEBHOOK_ALLOW_PRIVATE",
            "false",
            Kind.BOOL,
            "let webhooks go to loopback, private or link-local addresses"),
    WEBHOOK_RETRY_DELAY(
            "AGENTD_WEBHOOK_RETRY_DELAY",
            "10s",
            Kind.POSITIVE_DURATION,
            "the wait before a failed webhook delivery is tried again; it doubles each time, up to an hour"),
    WEBHOOK_TIMEOUT(
            "AGENTD_WEBHOOK_TIMEOUT", "10s", Kind.POSITIVE_DURATION, "how long one webhook delivery attempt may take"),
    LOG_FORMAT(
            "AGENTD_LOG_FORMAT", "text", Kind.CHOICE, "log lines as text or one JSON object per line", "text", "json"),
    SHUTDOWN_GRACE(
            "AGENTD_SHUTDOWN_GRACE",
            "10s",
            Kind.DURATION,
            "on SIGTERM, how long runs may finish before they end as INTERRUPTED"),
    BUILTIN_DELAY_MS(
            "AGENTD_BUILTIN_DELAY_MS",
            "25",
            Kind.MILLIS,
            "the built-in model's pause before each streamed word; 0 makes it instant"),
    BUILTIN_FIRST_DELAY_MS(
            "AGENTD_BUILTIN_FIRST_DELAY_MS",
            null,
            Kind.MILLIS,
            "the built-in model's pause before its first word; default 300 with the default pace, else "
                    + "AGENTD_BUILTIN_DELAY_MS"),
    MODEL_TIMEOUT(
            "AGENTD_MODEL_TIMEOUT",
            "120s",
            Kind.POSITIVE_DURATION,
            "silence after which a model call counts as failed"),
    MODEL_CONTEXT_TOKENS(
            "AGENTD_MODEL_CONTEXT_TOKENS",
            null,
            Kind.COUNT,
            "the model's context window in tokens; longer conversations are compacted (default per provider)"),
    MODEL_MAX_TOKENS("AGENTD_MODEL_MAX_TOKENS", "8192", Kind.COUNT, "the longest answer a model turn may give"),
    MODEL_THINKING_TOKENS(
            "AGENTD_MODEL_THINKING_TOKENS",
            null,
            Kind.COUNT,
            "Anthropic's extended-thinking budget per turn, shown as thought events (default: no thinking)"),
    WIDGET_TOKENS(
            "AGENTD_WIDGET_TOKENS",
            "true",
            Kind.BOOL,
            "sign widget tokens at POST /api/v1/auth/token; false answers it with JWT_NOT_CONFIGURED"),
    TOKEN_MAX_EXPIRY(
            "AGENTD_TOKEN_MAX_EXPIRY", "7d", Kind.POSITIVE_DURATION, "the longest expiresIn a widget token may ask"),
    SECRETS_KEY(
            "AGENTD_SECRETS_KEY",
            null,
            Kind.TEXT,
            "32 bytes in base64 that encrypt widget secrets at rest; default a key file made once, "
                    + "<data dir>/secrets.key (give every node of one database the same key)"),
    END_USER_RATE(
            "AGENTD_END_USER_RATE", "30", Kind.COUNT, "tasks and follow-ups one widget end user may send per minute"),
    APP_RATE(
            "AGENTD_APP_RATE",
            "600",
            Kind.COUNT,
            "tasks and follow-ups all end users of one widget app may send per minute"),
    END_USER_MAX_RUNS("AGENTD_END_USER_MAX_RUNS", "2", Kind.COUNT, "runs at once of one widget end user"),
    OPENAI_BASE_URL("OPENAI_BASE_URL", "https://api.openai.com/v1", Kind.TEXT, "an OpenAI-compatible endpoint"),
    OPENAI_API_KEY("OPENAI_API_KEY", null, Kind.TEXT, "its key (none for servers that need none)"),
    ANTHROPIC_BASE_URL("ANTHROPIC_BASE_URL", "https://api.anthropic.com", Kind.TEXT, "the Anthropic API"),
    ANTHROPIC_API_KEY("ANTHROPIC_API_KEY", null, Kind.TEXT, "its key");

    private final String env;
    private final String fallback;
    private final Kind kind;
    private final String help;
    private final List<String> choices;

    Setting(String env, String fallback, Kind kind, String help, String... choices) {
        this.env = env;
        this.fallback = fallback;
        this.kind = kind;
        this.help = help;
        this.choices = List.of(choices);
    }

    /** The environment variable. */
    public String env() {
        return env;
    }

    /** The command-line flag: {@code --max-files} for AGENTD_MAX_FILES, {@code --openai-api-key} for OPENAI_API_KEY. */
    public String flag() {
        String name = env.startsWith("AGENTD_") ? env.substring("AGENTD_".length()) : env;
        return "--" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The default as text, or null when there is none or it follows from another setting. */
    public String fallback() {
        return fallback;
    }

    public String help() {
        return help;
    }

    Kind kind() {
        return kind;
    }

    List<String> choices() {
        return choices;
    }

    /** What a valid value looks like. */
    String expected() {
        return kind == Kind.CHOICE ? "one of " + String.join(", ", choices) : kind.expected;
    }
}
