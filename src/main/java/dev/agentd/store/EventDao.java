package dev.agentd.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(EventRow.Mapper.class)
public interface EventDao {
    @SqlBatch("INSERT INTO events (task_id, seq, run_id, type, data) VALUES (:taskId, :seq, :runId, :type, :data)")
    void insertAll(@BindMethods List<EventRow> rows);

    @SqlUpdate("INSERT INTO events (task_id, seq, run_id, type, data) VALUES (:taskId, :seq, :runId, :type, :data)")
    void insert(@BindMethods EventRow row);

    /** Events with {@code after < seq < before}, in order. */
    @SqlQuery("SELECT * FROM events WHERE task_id = :task AND seq > :after AND seq < :before ORDER BY seq")
    List<EventRow> between(@Bind("task") String taskId, @Bind("after") long after, @Bind("before") long before);

    @SqlQuery("SELECT * FROM events WHERE task_id = :task AND run_id = :run ORDER BY seq")
    List<EventRow> ofRun(@Bind("task") String taskId, @Bind("run") long runId);
}
