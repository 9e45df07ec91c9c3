package dev.agentd.store.sql;

import dev.agentd.store.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;

/** The IdempotencyStore of the SQL store. */
final class SqlIdempotency implements IdempotencyStore {
    private final Database db;

    SqlIdempotency(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Reply> find(String keyId, String scope, String key, Instant since) {
        return db.read(d -> d.attach(IdempotencyDao.class).find(keyId, scope, key, since));
    }

    @Override
    public void put(String keyId, String scope, String key, Reply reply, Instant at) {
        db.write(d -> {
            d.attach(IdempotencyDao.class).put(keyId, scope, key, reply.status(), reply.body(), at);
            return null;
        });
    }

    @Override
    public boolean claim(String keyId, String scope, String key, Instant at, Instant since, Instant abandonedBefore) {
        return db.write(d -> d.attach(IdempotencyDao.class).claim(keyId, scope, key, at, since, abandonedBefore)) == 1;
    }

    @Override
    public void unclaim(String keyId, String scope, String key) {
        db.write(d -> {
            d.attach(IdempotencyDao.class).unclaim(keyId, scope, key);
            return null;
        });
    }

    @Override
    public int expire(Instant before) {
        return db.write(d -> d.attach(IdempotencyDao.class).expire(before));
    }
}
