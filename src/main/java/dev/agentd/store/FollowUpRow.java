package dev.agentd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A follow-up waiting for the task's current run to end. */
public record FollowUpRow(long id, String taskId, String content, String attachedFiles, Instant createdAt) {
    /** Maps a {@code follow_ups} row. */
    public static final class Mapper implements RowMapper<FollowUpRow> {
        @Override
        public FollowUpRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new FollowUpRow(rs.getLong("id"), rs.getString("task_id"), rs.getString("content"),
                    rs.getString("attached_files"), Columns.instant(rs, "created_at"));
        }
    }
}
