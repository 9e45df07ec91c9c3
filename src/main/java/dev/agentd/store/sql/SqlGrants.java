package dev.agentd.store.sql;

import dev.agentd.domain.TokenGrant;
import dev.agentd.store.GrantStore;
import java.time.Instant;
import java.util.Optional;

/** The GrantStore of the SQL store. */
final class SqlGrants implements GrantStore {
    private final Database db;

    SqlGrants(Database db) {
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
