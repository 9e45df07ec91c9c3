package dev.agentd.tasks;

import dev.agentd.domain.Times;
import dev.agentd.errors.ApiException;
import dev.agentd.store.IdempotencyStore;
import java.time.Duration;
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
            Optional<IdempotencyStore.Reply> stored =
                    store.find(apiKeyId, scope, key, Times.now().minus(WINDOW));
            if (stored.isPresent())
                return new Reply(stored.get().status(), stored.get().body());
            Reply reply = action.get();
            store.put(apiKeyId, scope, key, new IdempotencyStore.Reply(reply.status(), reply.body()), Times.now());
            return reply;
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) inFlight.remove(lockName, lock);
        }
    }

    /** Forgets keys older than the window. */
    public int expire() {
        return store.expire(Times.now().minus(WINDOW));
    }
}
