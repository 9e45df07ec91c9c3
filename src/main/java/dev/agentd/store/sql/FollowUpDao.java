package dev.agentd.store.sql;

import dev.agentd.store.FollowUpStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.FollowUpMapper.class)
interface FollowUpDao {
    @SqlUpdate("INSERT INTO follow_ups (task_id, content, attached_files, model, created_at) VALUES (?, ?, ?, ?, ?)")
    void insert(String taskId, String content, String attachedFiles, String model, Instant createdAt);

    @SqlQuery("SELECT * FROM follow_ups WHERE task_id = ? ORDER BY id LIMIT 1")
    Optional<FollowUpStore.FollowUp> next(String taskId);

    @SqlUpdate("DELETE FROM follow_ups WHERE id = ?")
    void delete(long id);

    @SqlUpdate("DELETE FROM follow_ups WHERE task_id = ?")
    int deleteAll(String taskId);

    @SqlQuery("SELECT task_id FROM follow_ups GROUP BY task_id ORDER BY min(id)")
    List<String> tasksWithFollowUps();
}
