package dev.agentd.store.sql;

import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskPage;
import dev.agentd.domain.TaskStatus;
import dev.agentd.store.MessageStore;
import dev.agentd.store.TaskStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The TaskStore of the SQL store. */
final class SqlTasks implements TaskStore {
    private static final List<String> BUSY = Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::busy)
            .map(TaskStatus::wire)
            .toList();

    private final Database db;
    private final SqlMessages messages;

    SqlTasks(Database db, SqlMessages messages) {
        this.db = db;
        this.messages = messages;
    }

    private static List<String> wire(Set<TaskStatus> statuses) {
        return statuses.stream().map(TaskStatus::wire).toList();
    }

    @Override
    public void create(NewTask created, MessageStore.NewMessage first, long firstSeq) {
        Task t = created.task();
        Task.Settings s = t.settings();
        db.write(d -> {
            d.attach(TaskDao.class)
                    .insert(
                            t.id(),
                            t.owner().projectId(),
                            t.owner().keyId(),
                            t.owner().appId(),
                            t.owner().endUserId(),
                            t.owner().grantId(),
                            t.sessionId(),
                            t.conversationId(),
                            t.status().wire(),
                            t.message(),
                            s.systemPrompt(),
                            s.showInHistory(),
                            s.autoExecute(),
                            Rows.json(s.env()),
                            s.model(),
                            s.webhookUrl(),
                            t.createdAt(),
                            created.seqReservedUntil());
            messages.append(t.id(), first);
            d.attach(RunDao.class).start(t.id(), 1, firstSeq, TaskStatus.RUNNING.wire(), t.createdAt());
            return null;
        });
    }

    @Override
    public Optional<Task> find(String id) {
        return db.read(d -> d.attach(TaskDao.class).find(id));
    }

    @Override
    public TaskPage listVisible(Task.Owner owner, Set<TaskStatus> statuses, int limit, int offset) {
        List<String> in = (statuses.isEmpty() ? EnumSet.allOf(TaskStatus.class) : statuses)
                .stream().map(TaskStatus::wire).toList();
        return db.read(d -> {
            TaskDao dao = d.attach(TaskDao.class);
            if (owner.isEndUser()) {
                return new TaskPage(
                        dao.listVisibleOfUser(owner.appId(), owner.endUserId(), in, limit, offset),
                        dao.countVisibleOfUser(owner.appId(), owner.endUserId(), in));
            }
            return new TaskPage(dao.listVisible(owner.keyId(), in, limit, offset), dao.countVisible(owner.keyId(), in));
        });
    }

    @Override
    public void setGrant(String id, String grantId) {
        db.write(d -> {
            d.attach(TaskDao.class).setGrant(grantId, id);
            return null;
        });
    }

    @Override
    public List<Task> busy() {
        return db.read(d -> d.attach(TaskDao.class).findByStatus(BUSY));
    }

    @Override
    public boolean transition(String id, TaskStatus status, Instant at) {
        return db.write(d -> d.attach(TaskDao.class).transition(id, status.wire(), at, wire(status.from()))) > 0;
    }

    @Override
    public boolean markRunning(String id, Instant at) {
        return db.write(d -> d.attach(TaskDao.class)
                        .markRunning(id, TaskStatus.RUNNING.wire(), at, wire(TaskStatus.RUNNING.from())))
                > 0;
    }

    @Override
    public boolean markEnded(String id, TaskStatus status, RunError error, Instant at) {
        return db.write(d -> d.attach(TaskDao.class)
                        .markEnded(
                                id,
                                status.wire(),
                                error == null ? null : error.code().name(),
                                error == null ? null : error.message(),
                                at,
                                wire(status.from())))
                > 0;
    }

    @Override
    public List<String> expired(Instant before, int limit) {
        return db.read(d -> d.attach(TaskDao.class).expired(before, limit));
    }

    @Override
    public boolean purge(String id) {
        return db.write(d -> {
            TaskDao dao = d.attach(TaskDao.class);
            dao.purgeEvents(id);
            dao.purgeMessages(id);
            dao.purgeRuns(id);
            dao.purgeFollowUps(id);
            dao.purgeApprovals(id);
            dao.purgeIdempotency(id);
            WebhookDao webhooks = d.attach(WebhookDao.class);
            webhooks.purgeAttempts(id);
            webhooks.purgeDeliveries(id);
            return dao.purgeTask(id) > 0;
        });
    }

    @Override
    public void setModel(String id, String model) {
        db.write(d -> {
            d.attach(TaskDao.class).setModel(model, id);
            return null;
        });
    }

    @Override
    public void setSession(String id, String sessionId) {
        db.write(d -> {
            d.attach(TaskDao.class).setSession(sessionId, id);
            return null;
        });
    }

    @Override
    public long reserveSeq(String id, int size) {
        return db.write(d -> d.attach(TaskDao.class).reserveSeq(id, size));
    }
}
