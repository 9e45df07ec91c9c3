package dev.agentd.store.sql;

import dev.agentd.domain.TokenGrant;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.GrantMapper.class)
interface GrantDao {
    @SqlUpdate("INSERT INTO token_grants (id, app_id, end_user_id, env, secrets, expires_at) "
            + "VALUES (:id, :appId, :endUserId, :env, :secrets, :expiresAt)")
    void insert(String id, String appId, String endUserId, String env, byte[] secrets, Instant expiresAt);

    @SqlQuery("SELECT * FROM token_grants WHERE id = ?")
    Optional<TokenGrant> find(String id);

    @SqlUpdate("DELETE FROM token_grants WHERE expires_at < ? "
            + "AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.grant_id = token_grants.id)")
    int deleteExpired(Instant at);
}
