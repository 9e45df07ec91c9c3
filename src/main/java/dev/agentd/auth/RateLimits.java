package dev.agentd.auth;

import dev.agentd.errors.ApiException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rates for public traffic: the tasks and follow-ups one widget end user, and one widget app, may
 * send per minute, as token buckets that refill evenly. API keys are not limited here.
 */
public final class RateLimits {
    private static final int MAX_TRACKED = 100_000;

    private final int perEndUser;
    private final int perApp;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(int perEndUserPerMinute, int perAppPerMinute) {
        this.perEndUser = perEndUserPerMinute;
        this.perApp = perAppPerMinute;
    }

    /**
     * Takes one request of {@code caller}'s allowance.
     *
     * @throws ApiException 429 RATE_LIMITED with the seconds to wait
     */
    public void take(Principal caller) {
        if (!(caller instanceof Principal.EndUser user)) return;
        if (buckets.size() > MAX_TRACKED) buckets.values().removeIf(Bucket::full);
        long now = System.nanoTime();
        Bucket app = buckets.computeIfAbsent("app:" + user.app().id(), k -> new Bucket(perApp, now));
        Bucket own = buckets.computeIfAbsent(user.scope(), k -> new Bucket(perEndUser, now));
        long wait = own.take(now);
        if (wait > 0) throw ApiException.rateLimited("Too many requests from this end user; retry later", wait);
        wait = app.take(now);
        if (wait > 0) throw ApiException.rateLimited("Too many requests for this widget app; retry later", wait);
    }

    /** {@code perMinute} requests a minute, refilled evenly, at most that many at once. */
    private static final class Bucket {
        private final int capacity;
        private final double perNano;
        private double tokens;
        private long at;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.at = now;
        }

        /** Takes a token; 0, or the whole seconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        synchronized boolean full() {
            return tokens >= capacity;
        }
    }
}
