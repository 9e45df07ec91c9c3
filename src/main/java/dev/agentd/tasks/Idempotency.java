package dev.agentd.tasks;

import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.store.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} (task-api.md §3.1): the same key from the same API key within 24 h gets
 * the first response again, and the action runs once even when the two requests race.
 */
public final class Idempotency {
    private static final Duration WINDOW = Duration.ofHours(24);
    /** How long a request waits for another node's request of the same key to answer. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A claim this old belongs to a request whose node stopped before answering. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);

    /** A response as sent: status and JSON body. */
    public record Reply(int status, String body) {}

    private final IdempotencyStore store;
    private final ConcurrentHashMap<String, ReentrantLock> inFlight = new ConcurrentHashMap<>();

    public Idempotency(IdempotencyStore store) {
        this.store = store;
    }

    public Reply once(String apiKeyId, String scope, String key, Supplier<Reply> action) {
        if (key == null) return action.get();
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.validation("Idempotency-Key must be 1 to 255 characters");
        }
        String lockName = apiKeyId + '\n' + scope + '\n' + key;
        ReentrantLock lock = inFlight.computeIfAbsent(lockName, k -> new ReentrantLock());
        lock.lock();
        try {
            return onceAcrossNodes(apiKeyId, scope, key, action);
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) inFlight.remove(lockName, lock);
        }
    }

    /**
     * Runs {@code action} when this request claims the key; otherwise answers with the stored reply,
     * waiting while another node's request with the same key is still running.
     */
    private Reply onceAcrossNodes(String apiKeyId, String scope, String key, Supplier<Reply> action) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Instant now = Times.now();
            if (store.claim(apiKeyId, scope, key, now, now.minus(WINDOW), now.minus(ABANDONED))) {
                Reply reply;
                try {
                    reply = action.get();
                } catch (RuntimeException e) {
                    store.unclaim(apiKeyId, scope, key);
                    throw e;
                }
                store.put(apiKeyId, scope, key, new IdempotencyStore.Reply(reply.status(), reply.body()), Times.now());
                return reply;
            }
            Optional<IdempotencyStore.Reply> stored = store.find(apiKeyId, scope, key, now.minus(WINDOW));
            if (stored.isPresent() && stored.get().status() != IdempotencyStore.IN_PROGRESS) {
                return new Reply(stored.get().status(), stored.get().body());
            }
            if (System.nanoTime() > deadline) {
                throw ApiException.invalidState(
                        "A request with this Idempotency-Key is still being handled; send it again shortly");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.unavailable("interrupted while waiting for the first request of this key");
            }
        }
    }

    /** Forgets keys older than the window. */
    public int expire() {
        return store.expire(Times.now().minus(WINDOW));
    }
}
