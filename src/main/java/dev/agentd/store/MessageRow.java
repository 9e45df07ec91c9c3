package dev.agentd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One stored message; the list-valued fields are JSON text or null. */
public record MessageRow(
        String taskId,
        int idx,
        String id,
        String role,
        String content,
        Instant createdAt,
        String attachedFiles,
        String thoughts,
        String toolCalls) {
    /** Maps a {@code messages} row. */
    public static final class Mapper implements RowMapper<MessageRow> {
        @Override
        public MessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new MessageRow(rs.getString("task_id"), rs.getInt("idx"), rs.getString("id"), rs.getString("role"),
                    rs.getString("content"), Columns.instant(rs, "created_at"), rs.getString("attached_files"),
                    rs.getString("thoughts"), rs.getString("tool_calls"));
        }
    }
}
