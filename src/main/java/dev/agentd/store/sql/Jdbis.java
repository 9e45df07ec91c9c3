package dev.agentd.store.sql;

import dev.agentd.domain.Times;
import java.lang.reflect.Type;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
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

    /** Java's boolean, boxed or not, bound as 0 or 1 (a PostgreSQL integer column refuses a boolean). */
    private static final class FlagArgumentFactory implements ArgumentFactory.Preparable {
        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            if (type != boolean.class && type != Boolean.class) return Optional.empty();
            return Optional.of(value -> (position, statement, ctx) -> {
                if (value == null) statement.setNull(position, Types.INTEGER);
                else statement.setInt(position, (Boolean) value ? 1 : 0);
            });
        }
    }
}
