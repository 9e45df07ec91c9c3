package dev.agentd.store.sql;

import dev.agentd.domain.Event;
import dev.agentd.store.EventStore;
import java.util.List;

/** The EventStore of the SQL store. */
final class SqlEvents implements EventStore {
    private final Database db;

    SqlEvents(Database db) {
        this.db = db;
    }

    @Override
    public void append(List<Appended> appended) {
        db.write(d -> {
            d.attach(EventDao.class).insertAll(appended);
            db.appended(d, appended);
            return null;
        });
    }

    @Override
    public List<Event> between(String taskId, long after, long before) {
        return db.read(d -> d.attach(EventDao.class).between(taskId, after, before));
    }

    @Override
    public List<Event> ofRun(String taskId, long runId) {
        return db.read(d -> d.attach(EventDao.class).ofRun(taskId, runId));
    }
}
