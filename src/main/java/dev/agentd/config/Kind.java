package dev.agentd.config;

import dev.agentd.domain.Times;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of value a setting takes: how each is read, and how --help and errors describe it. */
enum Kind {
    TEXT("text"),
    PORT("a port from 0 to 65535"),
    COUNT("a whole number of 1 or more"),
    MILLIS("milliseconds, 0 or more"),
    DURATION("a duration such as 200ms, 15s, 30m, 2h or 7d"),
    POSITIVE_DURATION("a duration above zero such as 200ms, 15s, 30m, 2h or 7d"),
    SIZE("a size such as 512KB, 50MB or 1GB"),
    BOOL("true or false"),
    CHOICE("one of");

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE_TEXT = Pattern.compile("(\\d+)(B|KB|MB|GB)?");

    final String expected;

    Kind(String expected) {
        this.expected = expected;
    }

    /** Reads {@code raw}; throws IllegalArgumentException (or NumberFormatException) when it is not valid. */
    Object parse(String raw, Setting setting) {
        return switch (this) {
            case TEXT -> raw;
            case PORT -> {
                int p = Integer.parseInt(raw);
                if (p < 0 || p > 65535) throw new IllegalArgumentException("port");
                yield p;
            }
            case COUNT -> {
                int n = Integer.parseInt(raw);
                if (n < 1) throw new IllegalArgumentException("not positive");
                yield n;
            }
            case MILLIS -> {
                long ms = Long.parseLong(raw);
                if (ms < 0) throw new IllegalArgumentException("negative");
                yield ms;
            }
            case DURATION -> duration(raw);
            case POSITIVE_DURATION -> {
                Duration d = duration(raw);
                if (d.isZero()) throw new IllegalArgumentException("zero");
                yield d;
            }
            case SIZE -> size(raw);
            case BOOL ->
                switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> true;
                    case "false", "0", "no" -> false;
                    default -> throw new IllegalArgumentException("bool");
                };
            case CHOICE -> {
                if (!setting.choices().contains(raw)) throw new IllegalArgumentException("choice");
                yield raw;
            }
        };
    }

    /** Parses {@code 200ms}, {@code 15s}, {@code 30m}, {@code 2h}. */
    static Duration duration(String v) {
        Matcher m = DURATION_TEXT.matcher(v.trim());
        if (!m.matches()) throw new IllegalArgumentException("bad duration " + v);
        return Times.duration(Long.parseLong(m.group(1)), m.group(2));
    }

    /** Parses {@code 512}, {@code 64KB}, {@code 50MB}, {@code 1GB} (powers of 1024). */
    static long size(String v) {
        Matcher m = SIZE_TEXT.matcher(v.trim().toUpperCase(Locale.ROOT));
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
}
