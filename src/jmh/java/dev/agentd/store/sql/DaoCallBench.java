package dev.agentd.store.sql;

import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Project;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.store.MessageStore;
import dev.agentd.store.TaskStore;
import dev.agentd.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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
 * One read of a task, several ways: what a SqlObject call costs on top of the query. Profiles of the
 * server under load put Jdbi's per-call extension set-up among the top frames, which is why
 * {@link Database} keeps its connections open with their DAOs attached once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DaoCallBench {
    private SqlStore store;
    private Jdbi jdbi;
    private TaskDao cached;
    private Handle handle;
    private TaskDao attachedOnce;
    private final String taskId = "00000000-0000-0000-0000-00000000000a";

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path dir = Files.createTempDirectory("dao-bench");
        store = SqliteStore.open(dir.resolve("agentd.db"));
        jdbi = store.database().jdbi();
        Instant now = Instant.now();
        store.keys().addIfAbsent(new ApiKey("key", Project.DEFAULT, "bench", now, null, null), "hash");
        Task task = new Task(
                taskId,
                Task.Owner.key(Project.DEFAULT, "key", "bench"),
                "session",
                "1-abcdefghi",
                "What is 2+2?",
                new Task.Settings(null, true, true, null, null, null),
                new Task.State(TaskStatus.PENDING, null, null, null, now, 1),
                now);
        store.tasks()
                .create(new TaskStore.NewTask(task, 257), MessageStore.NewMessage.user("What is 2+2?", now, null), 1);
        cached = jdbi.onDemand(TaskDao.class);
        handle = jdbi.open();
        attachedOnce = handle.attach(TaskDao.class);
    }

    @TearDown(Level.Trial)
    public void close() {
        handle.close();
        store.close();
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

    /** A DAO attached once to a handle that stays open: no per-call extension set-up. */
    @Benchmark
    public Object attachedOnce() {
        return attachedOnce.find(taskId);
    }

    /** As the code base calls it: through the store, on a reader with its DAOs attached once. */
    @Benchmark
    public Object store() {
        return store.tasks().find(taskId);
    }

    /** The same query through the open handle's JDBC connection: the floor under Jdbi. */
    @Benchmark
    public Object plainJdbc() throws SQLException {
        try (PreparedStatement ps = handle.getConnection().prepareStatement(TaskDao.SELECT + "WHERE t.id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Rows.TaskMapper().map(rs, null) : null;
            }
        }
    }
}
