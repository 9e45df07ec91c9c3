package dev.agentd.store.sql;

import dev.agentd.domain.Times;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The Jdbi every engine shares, so that the DAOs' SQL runs unchanged on each: instants as ISO-8601
 * text (they sort and round-trip exactly), flags as the integers 0 and 1, and {@code <nextTaskNum>}
 * in the SQL replaced by how the engine hands out task numbers.
 */
public final class Jdbis {
    private Jdbis() {}

    public static Jdbi create(DataSource dataSource, String nextTaskNum) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.setStatementBuilderFactory(connection -> new StatementCache());
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerArgument(new FlagArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            String v = rs.getString(col);
            return v == null ? null : Times.parse(v);
        });
        jdbi.define("nextTaskNum", nextTaskNum);
        return jdbi;
    }

    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, Times.format(value));
        }
    }

    private static final class FlagArgumentFactory extends AbstractArgumentFactory<Boolean> {
        FlagArgumentFactory() {
            super(Types.INTEGER);
        }

        @Override
        protected Argument build(Boolean value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setInt(position, value ? 1 : 0);
        }
    }
}
