package dev.agentd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

public record ApiKeyRow(String id, String name, String keyHash, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    /** Maps an {@code api_keys} row. */
    public static final class Mapper implements RowMapper<ApiKeyRow> {
        @Override
        public ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApiKeyRow(rs.getString("id"), rs.getString("name"), rs.getString("key_hash"),
                    Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"), Columns.instant(rs, "revoked_at"));
        }
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
