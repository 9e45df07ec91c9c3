package dev.agentd.store.sqlite;

import dev.agentd.domain.TaskStatus;
import dev.agentd.store.RunStore;
import java.time.Instant;

/** The RunStore of the SQLite store. */
final class SqliteRuns implements RunStore {
    private final Database db;

    SqliteRuns(Database db) {
        this.db = db;
    }

    @Override
    public long next(String taskId) {
        return db.read(d -> d.attach(RunDao.class).next(taskId));
    }

    @Override
    public void start(String taskId, long runId, long firstSeq, Instant at) {
        db.write(d -> {
            d.attach(RunDao.class).start(taskId, runId, firstSeq, TaskStatus.RUNNING.wire(), at);
            return null;
        });
    }

    @Override
    public void end(String taskId, long runId, TaskStatus status, Instant at, Usage usage) {
        db.write(d -> {
            d.attach(RunDao.class)
                    .end(
                            taskId,
                            runId,
                            status.wire(),
                            at,
                            usage.promptTokens(),
                            usage.completionTokens(),
                            usage.cachedTokens());
            return null;
        });
    }

    @Override
    public long last(String taskId) {
        return db.read(d -> d.attach(RunDao.class).last(taskId));
    }

    @Override
    public long firstSeq(String taskId, long runId) {
        return db.read(d -> d.attach(RunDao.class).firstSeq(taskId, runId));
    }
}
