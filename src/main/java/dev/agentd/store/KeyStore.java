package dev.agentd.store;

import dev.agentd.domain.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, by the hash of their secret. */
public interface KeyStore {
    void add(ApiKey key, String secretHash);

    /** Adds the key unless one with that hash exists; false when it did. */
    boolean addIfAbsent(ApiKey key, String secretHash);

    Optional<ApiKey> findByHash(String secretHash);

    List<ApiKey> all();

    boolean any();

    /** Revokes an active key; false when there is none with that id. */
    boolean revoke(String id, Instant at);
}
