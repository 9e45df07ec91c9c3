package dev.agentd.store.sql;

import dev.agentd.domain.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.TaskMapper.class)
interface TaskDao {
    String SELECT = "SELECT t.id, t.project_id, t.api_key_id, coalesce(k.name, t.end_user_id) AS username, "
            + "t.app_id, t.end_user_id, t.grant_id, t.session_id, t.conversation_id, t.status, "
            + "t.message, t.system_prompt, t.show_in_history, t.auto_execute, t.env, t.model, t.webhook_url, t.error_code, t.error_message, "
            + "t.created_at, t.started_at, t.completed_at, t.last_activity_at, t.message_count "
            + "FROM tasks t LEFT JOIN api_keys k ON k.id = t.api_key_id ";

    @SqlUpdate("INSERT INTO tasks (id, project_id, api_key_id, app_id, end_user_id, grant_id, session_id, "
            + "conversation_id, status, message, system_prompt, show_in_history, auto_execute, env, model, webhook_url, created_at, "
            + "last_activity_at, message_count, seq_next, num) VALUES (:id, :projectId, :keyId, :appId, :endUserId, "
            + ":grantId, :sessionId, :conversationId, :status, :message, :systemPrompt, :showInHistory, :autoExecute, "
            + ":env, :model, :webhookUrl, :at, :at, 0, :seqNext, <nextTaskNum>)")
    void insert(
            String id,
            String projectId,
            String keyId,
            String appId,
            String endUserId,
            String grantId,
            String sessionId,
            String conversationId,
            String status,
            String message,
            String systemPrompt,
            boolean showInHistory,
            boolean autoExecute,
            String env,
            String model,
            String webhookUrl,
            Instant at,
            long seqNext);

    @SqlQuery(SELECT + "WHERE t.id = ?")
    Optional<Task> find(String id);

    @SqlQuery(SELECT + "WHERE t.api_key_id = :key AND t.show_in_history = 1 AND t.status IN (<statuses>) "
            + "ORDER BY t.last_activity_at DESC, t.id DESC LIMIT :limit OFFSET :offset")
    List<Task> listVisible(String key, @BindList("statuses") List<String> statuses, int limit, int offset);

    @SqlQuery("SELECT count(*) FROM tasks WHERE api_key_id = :key AND show_in_history = 1 AND status IN (<statuses>)")
    int countVisible(String key, @BindList("statuses") List<String> statuses);

    @SqlQuery(SELECT + "WHERE t.app_id = :app AND t.end_user_id = :user AND t.show_in_history = 1 "
            + "AND t.status IN (<statuses>) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT :limit OFFSET :offset")
    List<Task> listVisibleOfUser(
            String app, String user, @BindList("statuses") List<String> statuses, int limit, int offset);

    @SqlQuery("SELECT count(*) FROM tasks WHERE app_id = :app AND end_user_id = :user AND show_in_history = 1 "
            + "AND status IN (<statuses>)")
    int countVisibleOfUser(String app, String user, @BindList("statuses") List<String> statuses);

    @SqlUpdate("UPDATE tasks SET grant_id = ? WHERE id = ?")
    void setGrant(String grantId, String id);

    @SqlQuery(SELECT + "WHERE t.status IN (<statuses>) ORDER BY t.last_activity_at, t.id")
    List<Task> findByStatus(@BindList("statuses") List<String> statuses);

    @SqlUpdate("UPDATE tasks SET status = :status, last_activity_at = :at WHERE id = :id AND status IN (<from>)")
    int transition(String id, String status, Instant at, @BindList("from") List<String> from);

    @SqlUpdate("UPDATE tasks SET status = :status, started_at = :at, completed_at = NULL, error_code = NULL, "
            + "error_message = NULL, last_activity_at = :at WHERE id = :id AND status IN (<from>)")
    int markRunning(String id, String status, Instant at, @BindList("from") List<String> from);

    @SqlUpdate("UPDATE tasks SET status = :status, completed_at = :at, error_code = :code, error_message = :message, "
            + "last_activity_at = :at WHERE id = :id AND status IN (<from>)")
    int markEnded(
            String id, String status, String code, String message, Instant at, @BindList("from") List<String> from);

    @SqlUpdate("UPDATE tasks SET session_id = ? WHERE id = ?")
    void setSession(String sessionId, String id);

    @SqlUpdate("UPDATE tasks SET model = ? WHERE id = ?")
    void setModel(String model, String id);

    @SqlQuery(
            "SELECT id FROM tasks WHERE status IN ('completed', 'failed', 'cancelled') AND last_activity_at < :before "
                    + "ORDER BY last_activity_at LIMIT :limit")
    List<String> expired(Instant before, int limit);

    @SqlUpdate("DELETE FROM events WHERE task = (SELECT num FROM tasks WHERE id = :id)")
    void purgeEvents(String id);

    @SqlUpdate("DELETE FROM messages WHERE task_id = :id")
    void purgeMessages(String id);

    @SqlUpdate("DELETE FROM runs WHERE task_id = :id")
    void purgeRuns(String id);

    @SqlUpdate("DELETE FROM follow_ups WHERE task_id = :id")
    void purgeFollowUps(String id);

    @SqlUpdate("DELETE FROM approvals WHERE task_id = :id")
    void purgeApprovals(String id);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE scope = 'messages:' || :id")
    void purgeIdempotency(String id);

    @SqlUpdate("DELETE FROM tasks WHERE id = :id")
    int purgeTask(String id);

    /** Reserves {@code size} sequence numbers and returns the first of them. */
    @SqlQuery("UPDATE tasks SET seq_next = seq_next + :size WHERE id = :id RETURNING seq_next - :size")
    long reserveSeq(String id, int size);
}
