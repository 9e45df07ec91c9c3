package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(MessageRow.Mapper.class)
public interface MessageDao {
    @SqlUpdate("INSERT INTO messages (task_id, idx, id, role, content, created_at, attached_files, thoughts, tool_calls) "
            + "VALUES (:taskId, :idx, :id, :role, :content, :createdAt, :attachedFiles, :thoughts, :toolCalls)")
    void insert(@BindMethods MessageRow row);

    @SqlQuery("SELECT message_count FROM tasks WHERE id = ?")
    int countOf(String taskId);

    @SqlUpdate("UPDATE tasks SET message_count = message_count + 1, last_activity_at = :at WHERE id = :id")
    void counted(@Bind("id") String taskId, @Bind("at") Instant at);

    /**
     * Stores a new message at {@code position}; the caller keeps the task's message count (here, or
     * with the task's other columns in the same transaction).
     */
    default void insertAt(String taskId, int position, String role, String content, Instant at, String attachedFiles,
            String thoughts, String toolCalls) {
        insert(new MessageRow(taskId, position, UUID.randomUUID().toString(), role, content, at, attachedFiles,
                thoughts, toolCalls));
    }

    /** Adds the task's next message at {@code position} (the task's message count) and counts it. */
    default void append(String taskId, int position, String role, String content, Instant at, String attachedFiles,
            String thoughts, String toolCalls) {
        insertAt(taskId, position, role, content, at, attachedFiles, thoughts, toolCalls);
        counted(taskId, at);
    }

    @SqlQuery("SELECT * FROM messages WHERE task_id = :task AND idx >= :from ORDER BY idx LIMIT :limit")
    List<MessageRow> page(@Bind("task") String taskId, @Bind("from") int fromIdx, @Bind("limit") int limit);

    @SqlQuery("SELECT idx FROM messages WHERE task_id = ? AND id = ?")
    Optional<Integer> indexOf(String taskId, String messageId);

    @SqlQuery("SELECT * FROM messages WHERE task_id = ? AND role = 'user' ORDER BY idx DESC LIMIT 1")
    Optional<MessageRow> lastUser(String taskId);

    @SqlQuery("SELECT * FROM messages WHERE task_id = ? AND role = 'assistant' ORDER BY idx DESC LIMIT 1")
    Optional<MessageRow> lastAssistant(String taskId);
}
