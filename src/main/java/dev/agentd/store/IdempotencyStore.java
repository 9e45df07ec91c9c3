package dev.agentd.store;

import java.time.Instant;
import java.util.Optional;

/** The first response to each {@code Idempotency-Key} of a key and an action, for 24 h. */
public interface IdempotencyStore {
    record Reply(int status, String body) {}

    Optional<Reply> find(String keyId, String scope, String key, Instant since);

    void put(String keyId, String scope, String key, Reply reply, Instant at);

    int expire(Instant before);
}
