package dev.agentd.store.sql;

import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.TaskUsage;
import dev.agentd.store.RunStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The RunStore of the SQL store. */
final class SqlRuns implements RunStore {
    private final Database db;

    SqlRuns(Database db) {
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
                            usage.cachedTokens(),
                            usage.modelCalls());
            return null;
        });
    }

    @Override
    public Map<String, TaskUsage> usage(List<String> taskIds) {
        if (taskIds.isEmpty()) return Map.of();
        Map<String, TaskUsage> out = new HashMap<>();
        for (RunDao.UsageRow r : db.read(d -> d.attach(RunDao.class).usage(taskIds))) {
            out.put(r.taskId(), new TaskUsage(r.promptTokens(), r.completionTokens(), r.modelCalls()));
        }
        return out;
    }

    @Override
    public List<DailyUsage> daily(Instant since) {
        return db.read(d -> d.attach(RunDao.class).daily(since));
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
