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
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) buckets.values().removeIf(b -> b.full(now));
        Bucket app = buckets.computeIfAbsent("app:" + user.app().id(), k -> new Bucket(perApp, now));
        Bucket own = buckets.computeIfAbsent(user.scope(), k -> new Bucket(perEndUser, now));
        // both are asked before either is charged: a refused request costs nothing
        long wait = own.waitFor(now);
        if (wait > 0) throw ApiException.rateLimited("Too many requests from this end user; retry later", wait);
        wait = app.waitFor(now);
        if (wait > 0) throw ApiException.rateLimited("Too many requests for this widget app; retry later", wait);
        own.take();
        app.take();
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

        /** 0 when a token is there now, else the whole seconds until one is. */
        synchronized long waitFor(long now) {
            tokens = Math.min(capacity, tokens + (now - at) * perNano);
            at = now;
            return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }

        /** Takes a token, even one not quite there yet (two requests may pass the same check at once). */
        synchronized void take() {
            tokens -= 1;
        }

        synchronized boolean full(long now) {
            return waitFor(now) == 0 && tokens >= capacity;
        }
    }
}
