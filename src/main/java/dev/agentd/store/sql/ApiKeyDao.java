package dev.agentd.store.sql;

import dev.agentd.domain.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.KeyMapper.class)
interface ApiKeyDao {
    @SqlUpdate("INSERT INTO api_keys (id, project_id, name, key_hash, created_at, expires_at, revoked_at) "
            + "VALUES (:id, :projectId, :name, :hash, :createdAt, :expiresAt, :revokedAt)")
    void insert(
            String id,
            String projectId,
            String name,
            String hash,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt);

    @SqlUpdate("INSERT INTO api_keys (id, project_id, name, key_hash, created_at) "
            + "VALUES (:id, :projectId, :name, :hash, :createdAt) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String id, String projectId, String name, String hash, Instant createdAt);

    @SqlQuery("SELECT * FROM api_keys WHERE key_hash = ?")
    Optional<ApiKey> findByHash(String keyHash);

    @SqlQuery("SELECT * FROM api_keys ORDER BY created_at, id")
    List<ApiKey> list();

    @SqlQuery("SELECT count(*) FROM api_keys")
    int count();

    @SqlUpdate("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
    int revoke(Instant at, String id);
}
