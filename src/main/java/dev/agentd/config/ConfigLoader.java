package dev.agentd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Config} from environment variables, overridden by command-line flags of the same
 * names in kebab-case ({@code --max-files 5} or {@code --max-files=5} for {@code AGENTD_MAX_FILES}),
 * all read through the one table of {@link Setting}s. An unknown flag, or an unknown variable of
 * agentd's own, stops with an error naming it and the closest known name.
 */
public final class ConfigLoader {
    /** The built-in model's time to its first word at the default pace, like a hosted model's. */
    private static final long FIRST_DELAY_MS = 300;

    private final Map<Setting, String> raw;

    private ConfigLoader(Map<Setting, String> raw) {
        this.raw = raw;
    }

    /** Reads the environment, then applies flags from {@code args}. */
    public static Config load(Map<String, String> env, String[] args) {
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        Map<String, Setting> byEnv = new HashMap<>();
        Map<String, Setting> byFlag = new HashMap<>();
        for (Setting s : Setting.values()) {
            byEnv.put(s.env(), s);
            byFlag.put(s.flag(), s);
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            Setting s = byEnv.get(e.getKey());
            if (s != null) {
                raw.put(s, e.getValue());
            } else if (e.getKey().startsWith("AGENTD_")) {
                throw new ConfigException("unknown setting " + e.getKey()
                        + suggestion(
                                e.getKey(),
                                Arrays.stream(Setting.values())
                                        .map(Setting::env)
                                        .toArray(String[]::new)));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new ConfigException("unknown argument '" + arg + "'");
            int eq = arg.indexOf('=');
            String flag = eq >= 0 ? arg.substring(0, eq) : arg;
            Setting s = byFlag.get(flag);
            if (s == null) {
                throw new ConfigException("unknown option " + flag
                        + suggestion(
                                flag,
                                Arrays.stream(Setting.values())
                                        .map(Setting::flag)
                                        .toArray(String[]::new)) + "; see --help");
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("option " + flag + " needs a value (" + s.expected() + ")");
            }
            raw.put(s, value);
        }
        return new ConfigLoader(raw).build();
    }

    /** Every option, with its variable, default and meaning, as --help prints them. */
    public static String options() {
        StringBuilder out = new StringBuilder();
        for (Setting s : Setting.values()) {
            String fallback = s.fallback() == null ? "" : " (default " + s.fallback() + ")";
            out.append(String.format(
                    "  %-34s %s%s%n      %s: %s%n", s.flag() + " VALUE", s.env(), fallback, s.expected(), s.help()));
        }
        return out.toString();
    }

    /** {@code " (did you mean X?)"} when a known name is close to {@code given}, else nothing. */
    public static String suggestion(String given, String... known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private Config build() {
        int maxRuns = get(Setting.MAX_CONCURRENT_RUNS);
        long delay = get(Setting.BUILTIN_DELAY_MS);
        return new Config(
                get(Setting.HOST),
                get(Setting.PORT),
                Path.of(this.<String>get(Setting.DATA_DIR)),
                this.<String>optional(Setting.WORKSPACES_DIR)
                        .map(Path::of)
                        .orElse(Path.of(this.<String>get(Setting.DATA_DIR)).resolve("workspaces")),
                this.<String>optional(Setting.API_KEY).orElse(null),
                get(Setting.MODEL),
                this.<String>optional(Setting.MODELS)
                        .map(ConfigLoader::list)
                        .orElse(List.of(this.<String>get(Setting.MODEL))),
                this.<Duration>optional(Setting.RETENTION).orElse(null),
                get(Setting.SESSION_IDLE_TIMEOUT),
                get(Setting.HEARTBEAT),
                get(Setting.MAX_STEPS),
                maxRuns,
                this.<Integer>optional(Setting.MAX_CONCURRENT_RUNS_PER_KEY).orElse((maxRuns * 3 + 3) / 4),
                get(Setting.MAX_MESSAGE_SIZE),
                get(Setting.MAX_FILES),
                get(Setting.MAX_FILE_SIZE),
                get(Setting.ZIP_MAX_ENTRIES),
                get(Setting.ZIP_MAX_BYTES),
                get(Setting.WORKSPACE_QUOTA),
                get(Setting.SANDBOX),
                get(Setting.SANDBOX_NETWORK),
                get(Setting.COMMAND_MAX_PROCESSES),
                get(Setting.COMMAND_MAX_MEMORY),
                get(Setting.COMMAND_MAX_FILE_SIZE),
                get(Setting.COMMAND_MAX_CPU_TIME),
                get(Setting.SHUTDOWN_GRACE),
                delay,
                this.<Long>optional(Setting.BUILTIN_FIRST_DELAY_MS)
                        .orElse(optional(Setting.BUILTIN_DELAY_MS).isPresent() ? delay : FIRST_DELAY_MS),
                get(Setting.WIDGET_TOKENS),
                get(Setting.TOKEN_MAX_EXPIRY),
                this.<String>optional(Setting.SECRETS_KEY).orElse(null),
                get(Setting.END_USER_RATE),
                get(Setting.APP_RATE),
                get(Setting.END_USER_MAX_RUNS),
                get(Setting.OPENAI_BASE_URL),
                this.<String>optional(Setting.OPENAI_API_KEY).orElse(null),
                get(Setting.ANTHROPIC_BASE_URL),
                this.<String>optional(Setting.ANTHROPIC_API_KEY).orElse(null),
                get(Setting.MODEL_TIMEOUT),
                this.<Integer>optional(Setting.MODEL_CONTEXT_TOKENS).orElse(null),
                get(Setting.MODEL_MAX_TOKENS),
                this.<Integer>optional(Setting.MODEL_THINKING_TOKENS).orElse(0),
                get(Setting.MCP_ALLOW_PRIVATE),
                get(Setting.MCP_START_TIMEOUT),
                get(Setting.MCP_CALL_TIMEOUT),
                get(Setting.SUBAGENT_TIMEOUT),
                database(),
                new Config.NodeSettings(
                        get(Setting.NODE_TIMEOUT),
                        this.<String>optional(Setting.NODE_URL).orElse(null)),
                new Config.MetricsSettings(
                        get(Setting.METRICS),
                        this.<Integer>optional(Setting.METRICS_PORT).orElse(null),
                        this.<String>optional(Setting.METRICS_HOST).orElse(get(Setting.HOST)),
                        this.<String>optional(Setting.METRICS_TOKEN).orElse(null)),
                new Config.WebhookSettings(
                        this.<String>optional(Setting.WEBHOOK_SECRET).orElse(null),
                        get(Setting.WEBHOOK_ALLOW_PRIVATE),
                        get(Setting.WEBHOOK_TIMEOUT),
                        get(Setting.WEBHOOK_RETRY_DELAY)),
                Config.LogFormat.valueOf(this.<String>get(Setting.LOG_FORMAT).toUpperCase(java.util.Locale.ROOT)));
    }

    private Config.DatabaseSettings database() {
        String url = this.<String>optional(Setting.DATABASE_URL).orElse(null);
        if (url != null && !url.matches("(?i)(jdbc:postgresql:|postgres(ql)?://).*")) {
            throw new ConfigException(
                    "AGENTD_DATABASE_URL: must start with postgresql:// or jdbc:postgresql:// (unset it for SQLite)");
        }
        return new Config.DatabaseSettings(
                url,
                this.<String>optional(Setting.DATABASE_USER).orElse(null),
                this.<String>optional(Setting.DATABASE_PASSWORD).orElse(null),
                get(Setting.DATABASE_POOL_SIZE));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    /** The setting's value, or its default. */
    @SuppressWarnings("unchecked")
    private <T> T get(Setting s) {
        return (T) optional(s).orElseGet(() -> (T) parse(s, s.fallback()));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> optional(Setting s) {
        String v = raw.get(s);
        if (v == null || v.isBlank()) return Optional.empty();
        return Optional.of((T) parse(s, v.strip()));
    }

    private static Object parse(Setting s, String value) {
        try {
            return s.kind().parse(value, s);
        } catch (RuntimeException e) {
            throw new ConfigException(s.env() + ": '" + value + "' is not valid (" + s.expected() + ")");
        }
    }

    /** Parses {@code 200ms}, {@code 15s}, {@code 30m}, {@code 2h}. */
    public static Duration duration(String v) {
        return Kind.duration(v);
    }

    /** Parses {@code 512}, {@code 64KB}, {@code 50MB}, {@code 1GB} (powers of 1024). */
    public static long size(String v) {
        return Kind.size(v);
    }
}
