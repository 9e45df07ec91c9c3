package dev.agentd.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One read of a task row, several ways: what a SqlObject call costs on top of the query. Profiles of
 * the server under load put Jdbi's per-call extension set-up among the top frames, which is why
 * {@link Database} keeps its connections open with their DAOs attached once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DaoCallBench {
    private Path dir;
    private Database database;
    private Jdbi jdbi;
    private TaskDao cached;
    private org.jdbi.v3.core.Handle handle;
    private TaskDao attachedOnce;
    private final String taskId = "00000000-0000-0000-0000-00000000000a";

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("dao-bench");
        database = Database.open(dir.resolve("agentd.db"));
        jdbi = database.jdbi();
        Instant now = Times.now();
        database.dao(ApiKeyDao.class).insert(new ApiKeyRow("key", "bench", "hash", now, null, null));
        database.dao(TaskDao.class)
                .insert(
                        new TaskRow(
                                taskId,
                                "key",
                                "bench",
                                "session",
                                "1-abcdefghi",
                                "completed",
                                "What is 2+2?",
                                null,
                                true,
                                true,
                                null,
                                null,
                                null,
                                now,
                                now,
                                now,
                                now,
                                2),
                        1);
        cached = jdbi.onDemand(TaskDao.class);
        handle = jdbi.open();
        attachedOnce = handle.attach(TaskDao.class);
    }

    @TearDown(Level.Trial)
    public void close() {
        handle.close();
        database.close();
    }

    /** Jdbi's on-demand proxy, made per call: every call attaches the DAO to a new handle. */
    @Benchmark
    public Object onDemandPerCall() {
        return jdbi.onDemand(TaskDao.class).find(taskId);
    }

    /** An on-demand proxy made once. */
    @Benchmark
    public Object onDemandCached() {
        return cached.find(taskId);
    }

    /** A handle, and the DAO attached to it. */
    @Benchmark
    public Object attachPerCall() {
        return jdbi.withHandle(h -> h.attach(TaskDao.class).find(taskId));
    }

    /** The same SQL and mapper through Jdbi's fluent API, no SqlObject. */
    @Benchmark
    public Object fluent() {
        return jdbi.withHandle(h -> h.createQuery(TaskDao.SELECT + "WHERE t.id = ?")
                .bind(0, taskId)
                .map(ConstructorMapper.of(TaskRow.class))
                .findOne());
    }

    /** A DAO attached once to a handle that stays open: no per-call extension set-up. */
    @Benchmark
    public Object attachedOnce() {
        return attachedOnce.find(taskId);
    }

    /** As the code base calls it: {@link Database#dao}, on a pooled connection with the DAO attached once. */
    @Benchmark
    public Object databaseDao() {
        return database.dao(TaskDao.class).find(taskId);
    }

    /** The same query through the open handle's JDBC connection: the floor under Jdbi. */
    @Benchmark
    public Object plainJdbc() throws SQLException {
        try (var ps = handle.getConnection().prepareStatement(TaskDao.SELECT + "WHERE t.id = ?")) {
            ps.setString(1, taskId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? new TaskRow.Mapper().map(rs, null) : null;
            }
        }
    }
}
