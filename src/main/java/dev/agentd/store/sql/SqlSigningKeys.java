package dev.agentd.store.sql;

import dev.agentd.store.SigningKeyStore;
import java.time.Instant;
import java.util.List;

/** The SigningKeyStore of the SQL store. */
final class SqlSigningKeys implements SigningKeyStore {
    private final Database db;

    SqlSigningKeys(Database db) {
        this.db = db;
    }

    @Override
    public boolean addIfNoneActive(SigningKey key) {
        return db.write(d -> d.attach(SigningKeyDao.class).insertIfNoneActive(key.id(), key.secret(), key.createdAt()))
                > 0;
    }

    @Override
    public List<SigningKey> all() {
        return db.read(d -> d.attach(SigningKeyDao.class).all());
    }

    @Override
    public void retireActive(Instant at) {
        db.write(d -> d.attach(SigningKeyDao.class).retireActive(at));
    }
}
