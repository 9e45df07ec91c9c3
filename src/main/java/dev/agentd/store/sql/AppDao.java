package dev.agentd.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.AppRowMapper.class)
interface AppDao {
    /** A widget app's row, without its origins. */
    record AppRow(String id, String projectId, String name, Instant createdAt, Instant revokedAt) {}

    @SqlUpdate("INSERT INTO widget_apps (id, project_id, name, secret_hash, created_at) "
            + "VALUES (:id, :projectId, :name, :hash, :createdAt)")
    void insert(String id, String projectId, String name, String hash, Instant createdAt);

    @SqlQuery("SELECT * FROM widget_apps WHERE id = ?")
    Optional<AppRow> find(String id);

    @SqlQuery("SELECT secret_hash FROM widget_apps WHERE id = ?")
    Optional<String> secretHash(String id);

    @SqlQuery("SELECT * FROM widget_apps ORDER BY created_at, id")
    List<AppRow> all();

    @SqlUpdate("UPDATE widget_apps SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
    int revoke(Instant at, String id);

    @SqlQuery("SELECT origin FROM app_origins WHERE app_id = ? ORDER BY origin")
    List<String> origins(String appId);

    @SqlUpdate("INSERT INTO app_origins (app_id, origin) VALUES (?, ?) ON CONFLICT DO NOTHING")
    int addOrigin(String appId, String origin);

    @SqlUpdate("DELETE FROM app_origins WHERE app_id = ? AND origin = ?")
    int removeOrigin(String appId, String origin);

    @SqlQuery("SELECT count(*) FROM app_origins o JOIN widget_apps a ON a.id = o.app_id "
            + "WHERE o.origin = ? AND a.revoked_at IS NULL")
    int countAllowing(String origin);
}
