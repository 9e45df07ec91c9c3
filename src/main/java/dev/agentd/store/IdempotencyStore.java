package dev.agentd.store;

import java.time.Instant;
import java.util.Optional;

/** The first response to each {@code Idempotency-Key} of a key and an action, for 24 h. */
public interface IdempotencyStore {
    record Reply(int status, String body) {}

    /** The stored reply since {@code since}; its status is {@link #IN_PROGRESS} while the first request runs. */
    Optional<Reply> find(String keyId, String scope, String key, Instant since);

    /** The status of a key claimed by a request that has not answered yet. */
    int IN_PROGRESS = 0;

    /**
     * Claims the key for a request about to run its action, on whichever node: true unless a reply or
     * a claim since {@code since} holds it (a claim older than {@code abandonedBefore} is taken anew).
     */
    boolean claim(String keyId, String scope, String key, Instant at, Instant since, Instant abandonedBefore);

    /** Lets go of a claim whose action failed, so that the key may be tried again. */
    void unclaim(String keyId, String scope, String key);

    void put(String keyId, String scope, String key, Reply reply, Instant at);

    int expire(Instant before);
}
