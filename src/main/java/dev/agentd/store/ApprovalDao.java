package dev.agentd.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApprovalRow.class)
public interface ApprovalDao {
    @SqlUpdate("INSERT INTO approvals (task_id, call_id, run_id, tool_name, args, status, created_at) "
            + "VALUES (:taskId, :callId, :runId, :toolName, :args, 'pending', :createdAt)")
    void insert(@BindMethods ApprovalRow row);

    @SqlQuery("SELECT * FROM approvals WHERE task_id = ? AND status = 'pending' ORDER BY created_at, call_id")
    List<ApprovalRow> pending(String taskId);

    /** Settles a pending call; 0 when it is unknown or already settled. */
    @SqlUpdate("UPDATE approvals SET status = :status, reason = :reason, decided_at = :at "
            + "WHERE task_id = :task AND call_id = :call AND status = 'pending'")
    int settle(@Bind("task") String taskId, @Bind("call") String callId, @Bind("status") String status,
            @Bind("reason") String reason, @Bind("at") Instant at);
}
