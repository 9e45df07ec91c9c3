package dev.agentd.store.sql;

import dev.agentd.domain.Event;
import dev.agentd.store.EventStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The events table: rows keyed by the task's number ({@code tasks.num}), kept as {@link EventCodec} says. */
@RegisterRowMapper(Rows.EventMapper.class)
interface EventDao extends SqlObject {
    String INSERT = "INSERT INTO events (task, seq, run_id, kind, data) VALUES (?, ?, ?, ?, ?)";
    String TASK = "(SELECT num FROM tasks WHERE id = :task)";

    /**
     * Appends {@code events} in one JDBC batch, bound by position: every streamed piece passes through
     * here on one writer thread, and binding each record by name through {@code @SqlBatch} cost more
     * than SQLite's insert. Each task's number is looked up once per batch.
     */
    default void insertAll(List<EventStore.Appended> events) {
        Map<String, Long> nums = new HashMap<>();
        try (PreparedStatement insert = getHandle().getConnection().prepareStatement(INSERT)) {
            for (EventStore.Appended a : events) {
                Event e = a.event();
                EventCodec.Stored stored = EventCodec.encode(e);
                Long num = nums.get(a.taskId());
                if (num == null) {
                    num = num(a.taskId());
                    nums.put(a.taskId(), num);
                }
                insert.setLong(1, num);
                insert.setLong(2, e.seq());
                insert.setLong(3, e.runId());
                insert.setInt(4, stored.kind());
                insert.setString(5, stored.data());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private long num(String taskId) throws SQLException {
        try (PreparedStatement q = getHandle().getConnection().prepareStatement("SELECT num FROM tasks WHERE id = ?")) {
            q.setString(1, taskId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new SQLException("no task " + taskId + " for its events");
                return rs.getLong(1);
            }
        }
    }

    @SqlQuery("SELECT seq, run_id, kind, data FROM events WHERE task = " + TASK
            + " AND seq > :after AND seq < :before ORDER BY seq")
    List<Event> between(String task, long after, long before);

    @SqlQuery("SELECT seq, run_id, kind, data FROM events WHERE task = " + TASK + " AND run_id = :runId ORDER BY seq")
    List<Event> ofRun(String task, long runId);
}
