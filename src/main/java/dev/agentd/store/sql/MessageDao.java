package dev.agentd.store.sql;

import dev.agentd.domain.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.MessageMapper.class)
interface MessageDao {
    @SqlUpdate(
            "INSERT INTO messages (task_id, idx, id, role, content, created_at, attached_files, thoughts, tool_calls) "
                    + "VALUES (:taskId, :idx, :id, :role, :content, :at, :attachedFiles, :thoughts, :toolCalls)")
    void insert(
            String taskId,
            int idx,
            String id,
            String role,
            String content,
            Instant at,
            String attachedFiles,
            String thoughts,
            String toolCalls);

    @SqlQuery("SELECT message_count FROM tasks WHERE id = ?")
    int countOf(String taskId);

    @SqlUpdate("UPDATE tasks SET message_count = message_count + 1, last_activity_at = :at WHERE id = :id")
    void counted(String id, Instant at);

    @SqlQuery("SELECT * FROM messages WHERE task_id = :task AND idx >= :from ORDER BY idx LIMIT :limit")
    List<Message> page(String task, int from, int limit);

    @SqlQuery("SELECT idx FROM messages WHERE task_id = ? AND id = ?")
    Optional<Integer> indexOf(String taskId, String messageId);

    @SqlQuery("SELECT * FROM messages WHERE task_id = ? AND role = ? ORDER BY idx DESC LIMIT 1")
    Optional<Message> lastOf(String taskId, String role);
}
