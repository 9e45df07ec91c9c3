package dev.agentd.store.sql;

import dev.agentd.domain.ApiKey;
import dev.agentd.store.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The KeyStore of the SQL store. */
final class SqlKeys implements KeyStore {
    private final Database db;

    SqlKeys(Database db) {
        this.db = db;
    }

    @Override
    public void add(ApiKey key, String secretHash) {
        db.write(d -> {
            d.attach(ApiKeyDao.class)
                    .insert(
                            key.id(),
                            key.projectId(),
                            key.name(),
                            secretHash,
                            key.createdAt(),
                            key.expiresAt(),
                            key.revokedAt());
            return null;
        });
    }

    @Override
    public boolean addIfAbsent(ApiKey key, String secretHash) {
        return db.write(d -> d.attach(ApiKeyDao.class)
                        .insertIfAbsent(key.id(), key.projectId(), key.name(), secretHash, key.createdAt()))
                > 0;
    }

    @Override
    public Optional<ApiKey> findByHash(String secretHash) {
        return db.read(d -> d.attach(ApiKeyDao.class).findByHash(secretHash));
    }

    @Override
    public List<ApiKey> all() {
        return db.read(d -> d.attach(ApiKeyDao.class).list());
    }

    @Override
    public boolean any() {
        return db.read(d -> d.attach(ApiKeyDao.class).count()) > 0;
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.write(d -> d.attach(ApiKeyDao.class).revoke(at, id)) > 0;
    }
}
