package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(TaskRow.Mapper.class)
public interface TaskDao {
    String SELECT = "SELECT t.id, t.api_key_id, k.name AS username, t.session_id, t.conversation_id, t.status, "
            + "t.message, t.system_prompt, t.show_in_history, t.auto_execute, t.env, t.error_code, t.error_message, "
            + "t.created_at, t.started_at, t.completed_at, t.last_activity_at, t.message_count "
            + "FROM tasks t JOIN api_keys k ON k.id = t.api_key_id ";

    @SqlUpdate("INSERT INTO tasks (id, api_key_id, session_id, conversation_id, status, message, system_prompt, "
            + "show_in_history, auto_execute, env, created_at, last_activity_at, message_count, seq_next) VALUES (:id, "
            + ":apiKeyId, :sessionId, :conversationId, :status, :message, :systemPrompt, :showInHistory, :autoExecute, "
            + ":env, :createdAt, :lastActivityAt, :messageCount, :seqNext)")
    void insert(@BindMethods TaskRow row, @Bind("seqNext") long seqNext);

    @SqlQuery(SELECT + "WHERE t.id = ?")
    Optional<TaskRow> find(String id);

    @SqlQuery(SELECT + "WHERE t.api_key_id = :key AND t.show_in_history = 1 "
            + "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT :limit OFFSET :offset")
    List<TaskRow> listVisible(@Bind("key") String apiKeyId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT count(*) FROM tasks WHERE api_key_id = ? AND show_in_history = 1")
    int countVisible(String apiKeyId);

    @SqlQuery(SELECT + "WHERE t.status IN (<statuses>) ORDER BY t.last_activity_at, t.id")
    List<TaskRow> findByStatus(@org.jdbi.v3.sqlobject.customizer.BindList("statuses") List<String> statuses);

    @SqlUpdate("UPDATE tasks SET status = :status, last_activity_at = :at WHERE id = :id")
    void setStatus(@Bind("id") String id, @Bind("status") String status, @Bind("at") Instant at);

    @SqlUpdate("UPDATE tasks SET status = 'running', started_at = :at, completed_at = NULL, error_code = NULL, "
            + "error_message = NULL, last_activity_at = :at WHERE id = :id")
    void markRunning(@Bind("id") String id, @Bind("at") Instant at);

    @SqlUpdate("UPDATE tasks SET status = :status, completed_at = :at, error_code = :code, error_message = :message, "
            + "last_activity_at = :at, message_count = :messages WHERE id = :id")
    void markEnded(@Bind("id") String id, @Bind("status") String status, @Bind("code") String errorCode,
            @Bind("message") String errorMessage, @Bind("at") Instant at, @Bind("messages") int messageCount);

    @SqlUpdate("UPDATE tasks SET session_id = ? WHERE id = ?")
    void setSession(String sessionId, String id);

    /** Reserves {@code size} sequence numbers and returns the first of them. */
    @SqlQuery("UPDATE tasks SET seq_next = seq_next + :size WHERE id = :id RETURNING seq_next - :size")
    long reserveSeq(@Bind("id") String id, @Bind("size") int size);
}
