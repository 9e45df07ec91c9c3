package dev.agentd.store.sql;

import dev.agentd.store.FollowUpStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The FollowUpStore of the SQL store. */
final class SqlFollowUps implements FollowUpStore {
    private final Database db;

    SqlFollowUps(Database db) {
        this.db = db;
    }

    @Override
    public void add(String taskId, String content, String attachedFilesJson, String model, Instant at) {
        db.write(d -> {
            d.attach(FollowUpDao.class).insert(taskId, content, attachedFilesJson, model, at);
            return null;
        });
    }

    @Override
    public Optional<FollowUp> next(String taskId) {
        return db.read(d -> d.attach(FollowUpDao.class).next(taskId));
    }

    @Override
    public void remove(long id) {
        db.write(d -> {
            d.attach(FollowUpDao.class).delete(id);
            return null;
        });
    }

    @Override
    public int removeAll(String taskId) {
        return db.write(d -> d.attach(FollowUpDao.class).deleteAll(taskId));
    }

    @Override
    public List<String> tasksWithAny() {
        return db.read(d -> d.attach(FollowUpDao.class).tasksWithFollowUps());
    }
}
