package dev.agentd.store.sql;

import dev.agentd.domain.Message;
import dev.agentd.domain.Role;
import dev.agentd.store.MessageStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The MessageStore of the SQL store. */
final class SqlMessages implements MessageStore {
    private final Database db;

    SqlMessages(Database db) {
        this.db = db;
    }

    @Override
    public int append(String taskId, NewMessage m) {
        return db.write(d -> {
            MessageDao dao = d.attach(MessageDao.class);
            int position = dao.countOf(taskId);
            dao.insert(
                    taskId,
                    position,
                    UUID.randomUUID().toString(),
                    m.role().wire(),
                    m.content(),
                    m.at(),
                    m.attachedFilesJson(),
                    m.thoughtsJson(),
                    m.toolCallsJson());
            dao.counted(taskId, m.at());
            return position;
        });
    }

    @Override
    public int count(String taskId) {
        return db.read(d -> d.attach(MessageDao.class).countOf(taskId));
    }

    @Override
    public List<Message> page(String taskId, int from, int limit) {
        return db.read(d -> d.attach(MessageDao.class).page(taskId, from, limit));
    }

    @Override
    public Optional<Integer> indexOf(String taskId, String messageId) {
        return db.read(d -> d.attach(MessageDao.class).indexOf(taskId, messageId));
    }

    @Override
    public Optional<Message> lastOf(String taskId, Role role) {
        return db.read(d -> d.attach(MessageDao.class).lastOf(taskId, role.wire()));
    }
}
