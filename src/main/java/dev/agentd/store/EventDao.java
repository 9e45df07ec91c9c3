package dev.agentd.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterRowMapper(EventRow.Mapper.class)
public interface EventDao extends SqlObject {
    String INSERT = "INSERT INTO events (task_id, seq, run_id, type, data) VALUES (?, ?, ?, ?, ?)";

    /**
     * Appends {@code rows} in one JDBC batch, bound by position: every streamed piece passes through
     * here on one writer thread, and binding each row's record by name through {@code @SqlBatch}
     * cost more than SQLite's insert. Call it inside a transaction (which holds the write gate).
     */
    default void insertAll(List<EventRow> rows) {
        try (PreparedStatement insert = getHandle().getConnection().prepareStatement(INSERT)) {
            for (EventRow row : rows) {
                insert.setString(1, row.taskId());
                insert.setLong(2, row.seq());
                insert.setLong(3, row.runId());
                insert.setString(4, row.type());
                insert.setString(5, row.data());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Events with {@code after < seq < before}, in order. */
    @SqlQuery("SELECT * FROM events WHERE task_id = :task AND seq > :after AND seq < :before ORDER BY seq")
    List<EventRow> between(@Bind("task") String taskId, @Bind("after") long after, @Bind("before") long before);

    @SqlQuery("SELECT * FROM events WHERE task_id = :task AND run_id = :run ORDER BY seq")
    List<EventRow> ofRun(@Bind("task") String taskId, @Bind("run") long runId);
}
