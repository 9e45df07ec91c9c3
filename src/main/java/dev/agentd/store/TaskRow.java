package dev.agentd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One row of {@code tasks}, with the owning key's name. */
public record TaskRow(
        String id,
        String apiKeyId,
        String username,
        String sessionId,
        String conversationId,
        String status,
        String message,
        String systemPrompt,
        boolean showInHistory,
        boolean autoExecute,
        String env,
        String errorCode,
        String errorMessage,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant lastActivityAt,
        int messageCount) {
    /** Maps {@link TaskDao#SELECT}'s columns. */
    public static final class Mapper implements RowMapper<TaskRow> {
        @Override
        public TaskRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new TaskRow(rs.getString("id"), rs.getString("api_key_id"), rs.getString("username"),
                    rs.getString("session_id"), rs.getString("conversation_id"), rs.getString("status"),
                    rs.getString("message"), rs.getString("system_prompt"), rs.getBoolean("show_in_history"),
                    rs.getBoolean("auto_execute"), rs.getString("env"), rs.getString("error_code"),
                    rs.getString("error_message"), Columns.instant(rs, "created_at"), Columns.instant(rs, "started_at"),
                    Columns.instant(rs, "completed_at"), Columns.instant(rs, "last_activity_at"), rs.getInt("message_count"));
        }
    }
}
