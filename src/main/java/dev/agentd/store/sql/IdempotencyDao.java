package dev.agentd.store.sql;

import dev.agentd.store.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.ReplyMapper.class)
interface IdempotencyDao {
    @SqlQuery("SELECT status, body FROM idempotency_keys WHERE api_key_id = :keyId AND scope = :scope "
            + "AND key = :key AND created_at > :since")
    Optional<IdempotencyStore.Reply> find(String keyId, String scope, String key, Instant since);

    @SqlUpdate("INSERT INTO idempotency_keys (api_key_id, scope, key, status, body, created_at) "
            + "VALUES (:keyId, :scope, :key, :status, :body, :at) ON CONFLICT (api_key_id, scope, key) "
            + "DO UPDATE SET status = excluded.status, body = excluded.body, created_at = excluded.created_at")
    void put(String keyId, String scope, String key, int status, String body, Instant at);

    @SqlUpdate("INSERT INTO idempotency_keys (api_key_id, scope, key, status, body, created_at) "
            + "VALUES (:keyId, :scope, :key, 0, '', :at) ON CONFLICT (api_key_id, scope, key) "
            + "DO UPDATE SET status = 0, body = '', created_at = excluded.created_at "
            + "WHERE idempotency_keys.created_at <= :since "
            + "OR (idempotency_keys.status = 0 AND idempotency_keys.created_at <= :abandoned)")
    int claim(String keyId, String scope, String key, Instant at, Instant since, Instant abandoned);

    @SqlUpdate(
            "DELETE FROM idempotency_keys WHERE api_key_id = :keyId AND scope = :scope AND key = :key AND status = 0")
    void unclaim(String keyId, String scope, String key);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE created_at <= ?")
    int expire(Instant before);
}
