package dev.agentd.store.sql;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps one connection's prepared statements for reuse: SQLite compiles the SQL text on every
 * prepare, and the statements every run makes are the same few texts. A statement is taken out of
 * the cache while in use, so a nested use of the same text prepares one of its own. The connection
 * is used by one thread at a time ({@link Database}), so the cache needs no locking.
 */
final class StatementCache implements StatementBuilder {
    private static final int MAX = 100;

    private final StatementBuilder plain = new DefaultStatementBuilder();
    private final Map<String, PreparedStatement> idle = new HashMap<>();

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) return plain.create(conn, sql, ctx);
        PreparedStatement cached = idle.remove(sql);
        return cached != null ? cached : conn.prepareStatement(sql);
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        if (sql != null && stmt instanceof PreparedStatement ps && idle.size() < MAX && !idle.containsKey(sql)) {
            ps.clearParameters();
            idle.put(sql, ps);
        } else {
            stmt.close();
        }
    }

    @Override
    public void close(Connection conn) {
        for (PreparedStatement ps : idle.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection closes next
            }
        }
        idle.clear();
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return plain.create(conn, ctx);
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return plain.createCall(conn, sql, ctx);
    }
}
