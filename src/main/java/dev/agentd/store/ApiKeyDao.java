package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ApiKeyRow.Mapper.class)
public interface ApiKeyDao {
    @SqlUpdate("INSERT INTO api_keys (id, name, key_hash, created_at, expires_at, revoked_at) "
            + "VALUES (:id, :name, :keyHash, :createdAt, :expiresAt, :revokedAt)")
    void insert(@BindMethods ApiKeyRow row);

    @SqlUpdate("INSERT OR IGNORE INTO api_keys (id, name, key_hash, created_at) "
            + "VALUES (:id, :name, :keyHash, :createdAt)")
    int insertIfAbsent(@BindMethods ApiKeyRow row);

    @SqlQuery("SELECT * FROM api_keys WHERE key_hash = ?")
    Optional<ApiKeyRow> findByHash(String keyHash);

    @SqlQuery("SELECT * FROM api_keys ORDER BY created_at, id")
    List<ApiKeyRow> list();

    @SqlQuery("SELECT count(*) FROM api_keys")
    int count();

    @SqlUpdate("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
    int revoke(Instant at, String id);
}
