package dev.agentd.store.sql;

import dev.agentd.store.WebhookStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.DeliveryMapper.class)
@RegisterRowMapper(Rows.AttemptMapper.class)
interface WebhookDao {
    String SELECT = "SELECT d.*, t.project_id, t.webhook_url AS url FROM webhook_deliveries d "
            + "JOIN tasks t ON t.id = d.task_id ";

    @SqlUpdate(
            "INSERT INTO webhook_deliveries (id, task_id, type, body, status, next_attempt_at, created_at) "
                    + "SELECT :id, id, :type, :body, 'pending', :at, :at FROM tasks WHERE id = :taskId AND webhook_url IS NOT NULL")
    int enqueue(String id, String taskId, String type, String body, Instant at);

    @SqlQuery("UPDATE webhook_deliveries SET next_attempt_at = :leaseUntil WHERE id IN (SELECT id FROM "
            + "webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= :now ORDER BY next_attempt_at "
            + "LIMIT :limit) RETURNING id")
    List<String> claim(Instant now, Instant leaseUntil, int limit);

    @SqlQuery(SELECT + "WHERE d.id = ?")
    Optional<WebhookStore.Delivery> find(String id);

    @SqlUpdate("INSERT INTO webhook_attempts (delivery_id, attempt, at, url, status, error, ms) "
            + "VALUES (:deliveryId, :attempt, :at, :url, :status, :error, :ms)")
    void attempt(String deliveryId, int attempt, Instant at, String url, Integer status, String error, long ms);

    @SqlUpdate("UPDATE webhook_deliveries SET status = :status, attempts = :attempts, next_attempt_at = :next, "
            + "ended_at = CASE WHEN :status = 'pending' THEN NULL ELSE :at END WHERE id = :id")
    void attempted(String id, String status, int attempts, Instant next, Instant at);

    @SqlQuery(SELECT + "WHERE :taskId IS NULL OR d.task_id = :taskId ORDER BY d.created_at DESC, d.id LIMIT :limit")
    List<WebhookStore.Delivery> recent(String taskId, int limit);

    @SqlQuery("SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt")
    List<WebhookStore.Attempt> attempts(String deliveryId);

    @SqlUpdate(
            "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE task_id = ?)")
    void purgeAttempts(String taskId);

    @SqlUpdate("DELETE FROM webhook_deliveries WHERE task_id = ?")
    void purgeDeliveries(String taskId);
}
