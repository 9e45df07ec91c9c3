package dev.agentd.store.sql;

import dev.agentd.store.SigningKeyStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.SigningKeyMapper.class)
interface SigningKeyDao {
    @SqlUpdate("INSERT INTO signing_keys (id, secret, created_at) SELECT :id, :secret, :createdAt "
            + "WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)")
    int insertIfNoneActive(String id, byte[] secret, Instant createdAt);

    @SqlQuery("SELECT * FROM signing_keys ORDER BY created_at, id")
    List<SigningKeyStore.SigningKey> all();

    @SqlUpdate("UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL")
    int retireActive(Instant at);
}
