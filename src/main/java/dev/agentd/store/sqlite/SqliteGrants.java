package dev.agentd.store.sqlite;

import dev.agentd.domain.TokenGrant;
import dev.agentd.store.GrantStore;
import java.time.Instant;
import java.util.Optional;

/** The GrantStore of the SQLite store. */
final class SqliteGrants implements GrantStore {
    private final Database db;

    SqliteGrants(Database db) {
        this.db = db;
    }

    @Override
    public void add(TokenGrant g) {
        db.write(d -> {
            d.attach(GrantDao.class)
                    .insert(g.id(), g.appId(), g.endUserId(), Rows.json(g.env()), g.sealedSecrets(), g.expiresAt());
            return null;
        });
    }

    @Override
    public Optional<TokenGrant> find(String id) {
        return db.read(d -> d.attach(GrantDao.class).find(id));
    }

    @Override
    public int deleteExpired(Instant at) {
        return db.write(d -> d.attach(GrantDao.class).deleteExpired(at));
    }
}
