package dev.agentd.store.sqlite;

import dev.agentd.domain.Event;
import dev.agentd.store.EventStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterRowMapper(Rows.EventMapper.class)
interface EventDao extends SqlObject {
    String INSERT = "INSERT INTO events (task_id, seq, run_id, type, data) VALUES (?, ?, ?, ?, ?)";

    /**
     * Appends {@code events} in one JDBC batch, bound by position: every streamed piece passes through
     * here on one writer thread, and binding each record by name through {@code @SqlBatch} cost more
     * than SQLite's insert.
     */
    default void insertAll(List<EventStore.Appended> events) {
        try (PreparedStatement insert = getHandle().getConnection().prepareStatement(INSERT)) {
            for (EventStore.Appended a : events) {
                Event e = a.event();
                insert.setString(1, a.taskId());
                insert.setLong(2, e.seq());
                insert.setLong(3, e.runId());
                insert.setString(4, e.type().wire());
                insert.setString(5, e.data());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @SqlQuery("SELECT * FROM events WHERE task_id = :task AND seq > :after AND seq < :before ORDER BY seq")
    List<Event> between(String task, long after, long before);

    @SqlQuery("SELECT * FROM events WHERE task_id = ? AND run_id = ? ORDER BY seq")
    List<Event> ofRun(String taskId, long runId);
}
