package dev.agentd.store.sql;

import dev.agentd.domain.Project;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.ProjectMapper.class)
interface ProjectDao {
    @SqlUpdate("INSERT INTO projects (id, name, created_at) VALUES (:id, :name, :createdAt) ON CONFLICT DO NOTHING")
    int insert(String id, String name, Instant createdAt);

    @SqlQuery("SELECT * FROM projects WHERE name = ?")
    Optional<Project> byName(String name);

    @SqlQuery("SELECT settings FROM projects WHERE id = ?")
    Optional<String> settings(String id);

    @SqlUpdate("UPDATE projects SET settings = :settings WHERE id = :id")
    int putSettings(String id, String settings);

    @SqlQuery("SELECT * FROM projects ORDER BY created_at, name")
    List<Project> all();
}
