package dev.agentd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reading columns for the hand-written row mappers of the rows read on every request. Jdbi's
 * constructor mapper reads each constructor parameter's annotations again for every query, which
 * profiles put at half the cost of reading one task row; these mappers only read columns.
 */
final class Columns {
    private Columns() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Times.parse(v);
    }
}
