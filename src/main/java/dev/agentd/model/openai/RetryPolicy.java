package dev.agentd.model.openai;

import dev.agentd.model.ModelException;
import dev.agentd.model.ModelTurn;
import dev.agentd.model.TurnSink;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a failed model call is tried again: up to {@code maxAttempts} calls in all, waiting an
 * exponentially growing, jittered delay between them, or what the provider's {@code Retry-After} asks.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** What production uses: five calls, starting at half a second, never waiting more than a minute. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(60));

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    /** One call of a provider: its turn, or why it failed, whether another call may help, and whether the request was too long. */
    public record Outcome(
            ModelTurn turn, String message, boolean retryable, Optional<Duration> retryAfter, boolean contextTooLong) {
        public static Outcome success(ModelTurn turn) {
            return new Outcome(turn, null, false, Optional.empty(), false);
        }

        public static Outcome failed(String message, boolean retryable, Optional<Duration> retryAfter) {
            return new Outcome(null, message, retryable, retryAfter, false);
        }

        /** The provider refused the request as longer than the model's context window. */
        public static Outcome tooLong(String message) {
            return new Outcome(null, message, false, Optional.empty(), true);
        }
    }

    /** One call of a provider. */
    public interface Attempt {
        Outcome call() throws InterruptedException;
    }

    /**
     * Calls {@code attempt} until it gives a turn, waiting between failed calls as this policy says
     * and telling {@code sink} of each retry.
     *
     * @throws ModelException with the last failure, or one that no other call would help
     */
    public ModelTurn call(Attempt attempt, TurnSink sink) throws InterruptedException {
        for (int n = 1; ; n++) {
            Outcome outcome = attempt.call();
            if (outcome.turn() != null) return outcome.turn();
            if (outcome.contextTooLong()) throw ModelException.contextTooLong(outcome.message());
            if (!outcome.retryable() || !allowsAnother(n)) throw new ModelException(outcome.message());
            Duration wait = delay(n, outcome.retryAfter());
            log.warn(
                    "model call failed ({}); retrying in {} ms, attempt {} of {}",
                    outcome.message(),
                    wait.toMillis(),
                    n + 1,
                    maxAttempts);
            sink.retrying(outcome.message() + "; retrying in "
                    + String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0) + " (attempt " + (n + 1) + " of "
                    + maxAttempts + ")");
            Thread.sleep(wait);
        }
    }

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
