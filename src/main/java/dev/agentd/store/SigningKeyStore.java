package dev.agentd.store;

import java.time.Instant;
import java.util.List;

/** The keys that sign widget tokens, by key id: shared by every node of one database. */
public interface SigningKeyStore {
    /** A signing key: {@code retiredAt} null while it signs; a retired key still verifies. */
    record SigningKey(String id, byte[] secret, Instant createdAt, Instant retiredAt) {}

    /** Adds the key unless one is active already; false when one was (another node made it first). */
    boolean addIfNoneActive(SigningKey key);

    List<SigningKey> all();

    /** Retires every active key: the next one added signs from then on. */
    void retireActive(Instant at);
}
