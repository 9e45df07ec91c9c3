package dev.agentd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link Config} from environment variables, overridden by command-line flags of the same
 * names in kebab-case ({@code --max-files 5} or {@code --max-files=5} for {@code AGENTD_MAX_FILES}).
 */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KB|MB|GB)?");

    private final Map<String, String> values;

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Reads the environment, then applies flags from {@code args}. */
    public static Config load(Map<String, String> env, String[] args) {
        Map<String, String> merged = new HashMap<>(env);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("unknown argument '" + arg + "'");
            }
            String flag = arg.substring(2);
            String value;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("flag --" + flag + " needs a value");
            }
            merged.put(envName(flag), value);
        }
        return new ConfigLoader(merged).build();
    }

    static String envName(String flag) {
        String upper = flag.toUpperCase(Locale.ROOT).replace('-', '_');
        return upper.startsWith("AGENTD_") || upper.startsWith("OPENAI_") ? upper : "AGENTD_" + upper;
    }

    private Config build() {
        return new Config(
                text("AGENTD_HOST", "127.0.0.1"),
                parse("AGENTD_PORT", "8080", v -> port(Integer.parseInt(v))),
                Path.of(text("AGENTD_DATA_DIR", "./data")),
                values.get("AGENTD_API_KEY"),
                text("AGENTD_MODEL", "builtin"),
                parse("AGENTD_SESSION_IDLE_TIMEOUT", "30m", ConfigLoader::duration),
                parse("AGENTD_HEARTBEAT", "15s", ConfigLoader::positiveDuration),
                parse("AGENTD_MAX_STEPS", "50", ConfigLoader::positiveInt),
                parse("AGENTD_MAX_CONCURRENT_RUNS", "64", ConfigLoader::positiveInt),
                parse("AGENTD_MAX_CONCURRENT_RUNS_PER_KEY", String.valueOf(
                        (parse("AGENTD_MAX_CONCURRENT_RUNS", "64", ConfigLoader::positiveInt) * 3 + 3) / 4),
                        ConfigLoader::positiveInt),
                parse("AGENTD_MAX_MESSAGE_SIZE", "1MB", ConfigLoader::size),
                parse("AGENTD_MAX_FILES", "20", ConfigLoader::positiveInt),
                parse("AGENTD_MAX_FILE_SIZE", "50MB", ConfigLoader::size),
                parse("AGENTD_ZIP_MAX_ENTRIES", "10000", ConfigLoader::positiveInt),
                parse("AGENTD_ZIP_MAX_BYTES", "1GB", ConfigLoader::size),
                parse("AGENTD_WORKSPACE_QUOTA", "1GB", ConfigLoader::size),
                parse("AGENTD_SANDBOX", "auto", ConfigLoader::sandboxMode),
                parse("AGENTD_SANDBOX_NETWORK", "false", ConfigLoader::bool),
                parse("AGENTD_COMMAND_MAX_PROCESSES", "256", ConfigLoader::positiveInt),
                parse("AGENTD_COMMAND_MAX_MEMORY", "4GB", ConfigLoader::size),
                parse("AGENTD_COMMAND_MAX_FILE_SIZE", "1GB", ConfigLoader::size),
                parse("AGENTD_COMMAND_MAX_CPU_TIME", "10m", ConfigLoader::positiveDuration),
                parse("AGENTD_SHUTDOWN_GRACE", "10s", ConfigLoader::duration),
                parse("AGENTD_BUILTIN_DELAY_MS", "0", v -> {
                    long ms = Long.parseLong(v);
                    if (ms < 0) throw new IllegalArgumentException();
                    return ms;
                }),
                text("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                values.get("OPENAI_API_KEY"),
                parse("AGENTD_MODEL_TIMEOUT", "120s", ConfigLoader::positiveDuration));
    }

    private String text(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private <T> T parse(String name, String fallback, Function<String, T> parser) {
        String raw = text(name, fallback);
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(name + ": '" + raw + "' is not valid (" + expected(name) + ")");
        }
    }

    private static String expected(String name) {
        return switch (name) {
            case "AGENTD_SESSION_IDLE_TIMEOUT", "AGENTD_HEARTBEAT", "AGENTD_SHUTDOWN_GRACE", "AGENTD_MODEL_TIMEOUT",
                    "AGENTD_COMMAND_MAX_CPU_TIME" ->
                    "a duration such as 200ms, 15s, 30m or 2h";
            case "AGENTD_MAX_FILE_SIZE", "AGENTD_ZIP_MAX_BYTES", "AGENTD_WORKSPACE_QUOTA", "AGENTD_MAX_MESSAGE_SIZE",
                    "AGENTD_COMMAND_MAX_MEMORY", "AGENTD_COMMAND_MAX_FILE_SIZE" ->
                    "a size such as 512KB, 50MB or 1GB";
            case "AGENTD_PORT" -> "a port from 0 to 65535";
            case "AGENTD_SANDBOX" -> "one of auto, bwrap, none";
            case "AGENTD_SANDBOX_NETWORK" -> "true or false";
            case "AGENTD_BUILTIN_DELAY_MS" -> "milliseconds, 0 or more";
            default -> "a whole number of 1 or more";
        };
    }

    /** Parses {@code 200ms}, {@code 15s}, {@code 30m}, {@code 2h}. */
    public static Duration duration(String v) {
        Matcher m = DURATION.matcher(v.trim());
        if (!m.matches()) throw new IllegalArgumentException("bad duration " + v);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static Duration positiveDuration(String v) {
        Duration d = duration(v);
        if (d.isZero()) throw new IllegalArgumentException("zero");
        return d;
    }

    /** Parses {@code 512}, {@code 64KB}, {@code 50MB}, {@code 1GB} (powers of 1024). */
    public static long size(String v) {
        Matcher m = SIZE.matcher(v.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("bad size " + v);
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KB" -> Math.multiplyExact(n, 1024L);
            case "MB" -> Math.multiplyExact(n, 1024L * 1024);
            case "GB" -> Math.multiplyExact(n, 1024L * 1024 * 1024);
            default -> n;
        };
    }

    private static int positiveInt(String v) {
        int n = Integer.parseInt(v);
        if (n < 1) throw new IllegalArgumentException("not positive");
        return n;
    }

    private static int port(int p) {
        if (p < 0 || p > 65535) throw new IllegalArgumentException("port");
        return p;
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("bool");
        };
    }

    private static String sandboxMode(String v) {
        return switch (v) {
            case "auto", "bwrap", "none" -> v;
            default -> throw new IllegalArgumentException("sandbox");
        };
    }
}
