package dev.agentd.store.sql;

import dev.agentd.store.ApprovalStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(Rows.PendingMapper.class)
interface ApprovalDao {
    @SqlUpdate("INSERT INTO approvals (task_id, call_id, run_id, tool_name, args, status, created_at) "
            + "VALUES (:taskId, :callId, :runId, :toolName, :args, :status, :at)")
    void insert(String taskId, String callId, long runId, String toolName, String args, String status, Instant at);

    @SqlQuery("SELECT * FROM approvals WHERE task_id = :taskId AND status = :status ORDER BY created_at, call_id")
    List<ApprovalStore.Pending> withStatus(String taskId, String status);

    /** Settles a call still {@code pending}; 0 when it is unknown or settled already. */
    @SqlUpdate("UPDATE approvals SET status = :status, reason = :reason, decided_at = :at "
            + "WHERE task_id = :taskId AND call_id = :callId AND status = :pending")
    int settle(String taskId, String callId, String status, String reason, Instant at, String pending);
}
