package dev.agentd.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format of the API and the store: ISO-8601 UTC with milliseconds and Z.
 * <p>
 * Every stored row carries timestamps, and a long history reads and writes tens of thousands of
 * them per request; the general-purpose formatter and parser cost more than reading the row
 * itself, so the one fixed layout is written and read by position, falling back to the JDK's
 * parser for anything else.
 */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /**
     * {@code amount} of {@code unit} as people write durations: {@code ms}, {@code s}, {@code m},
     * {@code h} or {@code d}.
     *
     * @throws IllegalArgumentException for any other unit
     */
    public static Duration duration(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("no such unit of time: " + unit);
        };
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) return FORMAT.format(instant);
        char[] c = "0000-00-00T00:00:00.000Z".toCharArray();
        put(c, 0, 4, t.getYear());
        put(c, 5, 2, t.getMonthValue());
        put(c, 8, 2, t.getDayOfMonth());
        put(c, 11, 2, t.getHour());
        put(c, 14, 2, t.getMinute());
        put(c, 17, 2, t.getSecond());
        put(c, 20, 3, t.getNano() / 1_000_000);
        return new String(c);
    }

    /** Reads what {@link #format} writes, and any other ISO-8601 instant the JDK can read. */
    public static Instant parse(String text) {
        if (text.length() == 24
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(19) == '.'
                && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = digits(text, 20, 3);
            if ((year | month | day | hour | minute | second | millis) >= 0
                    && hour < 24
                    && minute < 60
                    && second < 60) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(
                            days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
                } catch (DateTimeException e) {
                    // not a real date: the JDK's parser reports it
                }
            }
        }
        return Instant.parse(text);
    }

    private static void put(char[] c, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number in {@code text[at, at+width)}, or -1 when a character is not a digit. */
    private static int digits(String text, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') return -1;
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
