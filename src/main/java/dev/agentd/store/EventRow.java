package dev.agentd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One persisted stream event; {@code data} is its JSON text. */
public record EventRow(String taskId, long seq, long runId, String type, String data) {
    /** Maps an {@code events} row. */
    public static final class Mapper implements RowMapper<EventRow> {
        @Override
        public EventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new EventRow(rs.getString("task_id"), rs.getLong("seq"), rs.getLong("run_id"), rs.getString("type"),
                    rs.getString("data"));
        }
    }
}
