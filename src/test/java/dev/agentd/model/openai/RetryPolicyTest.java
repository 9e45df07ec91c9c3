package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(60));

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryPolicy.retryAfter("7", null, NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryPolicy.retryAfter("1.5", null, NOW));
        assertEquals(
                Optional.of(Duration.ofSeconds(90)),
                RetryPolicy.retryAfter("Sun, 22 Nov 2026 10:01:30 GMT", null, NOW));
        assertEquals(
                Optional.of(Duration.ZERO),
                RetryPolicy.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", null, NOW),
                "a date in the past means now");
    }

    @Test
    void openAisRetryAfterMsIsPreferredForItsPrecision() {
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryPolicy.retryAfter("1", "250", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(1)), RetryPolicy.retryAfter("1", "soon", NOW));
    }

    @Test
    void aMissingOrUnreadableRetryAfterIsIgnored() {
        assertEquals(Optional.empty(), RetryPolicy.retryAfter(null, null, NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("  ", null, NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("tomorrow", null, NOW));
    }

    @Test
    void theDelayDoublesPerAttemptWithJitterInTheUpperHalf() {
        for (int i = 0; i < 200; i++) {
            assertBetween(250, 500, policy.delay(1, Optional.empty()));
            assertBetween(500, 1000, policy.delay(2, Optional.empty()));
            assertBetween(1000, 2000, policy.delay(3, Optional.empty()));
            assertBetween(4000, 8000, policy.delay(5, Optional.empty()));
            assertBetween(30_000, 60_000, policy.delay(40, Optional.empty()));
        }
    }

    @Test
    void theDelaysAreJittered() {
        long first = policy.delay(4, Optional.empty()).toMillis();
        boolean differs = false;
        for (int i = 0; i < 50 && !differs; i++)
            differs = policy.delay(4, Optional.empty()).toMillis() != first;
        assertTrue(differs, "50 delays were all " + first + " ms");
    }

    @Test
    void aRetryAfterIsWaitedExactlyUpToTheLongestDelay() {
        assertEquals(Duration.ofSeconds(3), policy.delay(1, Optional.of(Duration.ofSeconds(3))));
        assertEquals(Duration.ofSeconds(60), policy.delay(1, Optional.of(Duration.ofHours(1))));
    }

    @Test
    void rateLimitsTimeoutsAndServerErrorsAreRetriedOtherClientErrorsAreNot() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504})
            assertTrue(RetryPolicy.retryable(status), "" + status);
        for (int status : new int[] {400, 401, 403, 404, 422}) assertFalse(RetryPolicy.retryable(status), "" + status);
    }

    @Test
    void theNumberOfAttemptsIsBounded() {
        assertTrue(policy.allowsAnother(4));
        assertFalse(policy.allowsAnother(5));
        assertFalse(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).allowsAnother(1));
    }

    private static void assertBetween(long lowMs, long highMs, Duration d) {
        assertTrue(
                d.toMillis() >= lowMs && d.toMillis() <= highMs,
                d.toMillis() + " ms not in [" + lowMs + ", " + highMs + "]");
    }
}
