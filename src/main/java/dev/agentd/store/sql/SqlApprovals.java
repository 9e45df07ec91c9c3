package dev.agentd.store.sql;

import dev.agentd.store.ApprovalStore;
import java.time.Instant;
import java.util.List;

/** The ApprovalStore of the SQL store. */
final class SqlApprovals implements ApprovalStore {
    /** A call still waiting for a person. */
    private static final String PENDING_APPROVAL = "pending";

    private final Database db;

    SqlApprovals(Database db) {
        this.db = db;
    }

    @Override
    public void request(String taskId, String callId, long runId, String toolName, String argsJson, Instant at) {
        db.write(d -> {
            d.attach(ApprovalDao.class).insert(taskId, callId, runId, toolName, argsJson, PENDING_APPROVAL, at);
            return null;
        });
    }

    @Override
    public List<Pending> pending(String taskId) {
        return db.read(d -> d.attach(ApprovalDao.class).withStatus(taskId, PENDING_APPROVAL));
    }

    @Override
    public boolean settle(String taskId, String callId, String status, String reason, Instant at) {
        return db.write(d -> d.attach(ApprovalDao.class).settle(taskId, callId, status, reason, at, PENDING_APPROVAL))
                > 0;
    }
}
