package dev.agentd.model.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed model call is tried again: up to {@code maxAttempts} calls in all, waiting an
 * exponentially growing, jittered delay between them, or what the provider's {@code Retry-After} asks.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** What production uses: five calls, starting at half a second, never waiting more than a minute. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (baseDelay.isNegative() || maxDelay.isNegative()) throw new IllegalArgumentException("negative delay");
    }

    /** Whether a call that failed with HTTP {@code status} may succeed when tried again. */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Whether another call may follow failed call number {@code attempt} (1-based). */
    public boolean allowsAnother(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * The wait after failed call number {@code attempt}. A provider's own {@code Retry-After} wins,
     * capped at {@code maxDelay} so that one turn cannot hang a run for an hour. Otherwise half of the
     * exponential delay is fixed and half random ("equal jitter"), which spreads out runs that failed
     * together without ever retrying at once.
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) return min(retryAfter.get(), maxDelay);
        long base = Math.max(1, baseDelay.toMillis());
        long exponential = Math.min(maxDelay.toMillis(), base << Math.min(attempt - 1, 20));
        long half = exponential / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
    }

    /**
     * Reads {@code Retry-After} (delay seconds or an HTTP date) and OpenAI's {@code retry-after-ms};
     * empty when absent or unreadable.
     */
    public static Optional<Duration> retryAfter(String retryAfter, String retryAfterMs, Instant now) {
        if (retryAfterMs != null) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(retryAfterMs.trim()))));
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) return Optional.empty();
        String v = retryAfter.trim();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
