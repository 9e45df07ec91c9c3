package dev.agentd.store.sqlite;

import dev.agentd.domain.ApiKey;
import dev.agentd.domain.Event;
import dev.agentd.domain.Message;
import dev.agentd.domain.Role;
import dev.agentd.domain.RunError;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskStatus;
import dev.agentd.store.ApprovalStore;
import dev.agentd.store.EventStore;
import dev.agentd.store.FollowUpStore;
import dev.agentd.store.IdempotencyStore;
import dev.agentd.store.KeyStore;
import dev.agentd.store.MessageStore;
import dev.agentd.store.RunStore;
import dev.agentd.store.Store;
import dev.agentd.store.TaskStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The store on SQLite, the embedded default: every read on a reader connection, every write in a
 * transaction of the one writer ({@link Database}).
 */
public final class SqliteStore implements Store {
    private static final List<String> BUSY = Arrays.stream(TaskStatus.values()).filter(TaskStatus::busy)
            .map(TaskStatus::wire).toList();
    private static final String PENDING_APPROVAL = "pending";

    private final Database db;
    private final Tasks tasks = new Tasks();
    private final Messages messages = new Messages();
    private final Events events = new Events();
    private final Runs runs = new Runs();
    private final FollowUps followUps = new FollowUps();
    private final Approvals approvals = new Approvals();
    private final Keys keys = new Keys();
    private final Idempotency idempotency = new Idempotency();

    private SqliteStore(Database db) {
        this.db = db;
    }

    /** Opens (creating and migrating if needed) the database {@code file}. */
    public static SqliteStore open(Path file) {
        return new SqliteStore(Database.open(file));
    }

    /** The engine under the store, for tests that must reach it. */
    public Database database() {
        return db;
    }

    @Override
    public TaskStore tasks() {
        return tasks;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public FollowUpStore followUps() {
        return followUps;
    }

    @Override
    public ApprovalStore approvals() {
        return approvals;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public <R> R inTransaction(Function<Store, R> work) {
        return db.write(d -> work.apply(this));
    }

    @Override
    public void close() {
        db.close();
    }

    private static List<String> wire(java.util.Set<TaskStatus> statuses) {
        return statuses.stream().map(TaskStatus::wire).toList();
    }

    private final class Tasks implements TaskStore {
        @Override
        public void create(NewTask created, MessageStore.NewMessage first, long firstSeq) {
            Task t = created.task();
            Task.Settings s = t.settings();
            db.write(d -> {
                d.attach(TaskDao.class).insert(t.id(), t.owner().keyId(), t.sessionId(), t.conversationId(),
                        t.status().wire(), t.message(), s.systemPrompt(), s.showInHistory(), s.autoExecute(),
                        Rows.json(s.env()), t.createdAt(), created.seqReservedUntil());
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
        public Page listVisible(String ownerKeyId, int limit, int offset) {
            return db.read(d -> {
                TaskDao dao = d.attach(TaskDao.class);
                return new Page(dao.listVisible(ownerKeyId, limit, offset), dao.countVisible(ownerKeyId));
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
            return db.write(d -> d.attach(TaskDao.class).markRunning(id, TaskStatus.RUNNING.wire(), at,
                    wire(TaskStatus.RUNNING.from()))) > 0;
        }

        @Override
        public boolean markEnded(String id, TaskStatus status, RunError error, Instant at) {
            return db.write(d -> d.attach(TaskDao.class).markEnded(id, status.wire(),
                    error == null ? null : error.code().name(), error == null ? null : error.message(), at,
                    wire(status.from()))) > 0;
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

    private final class Messages implements MessageStore {
        @Override
        public int append(String taskId, NewMessage m) {
            return db.write(d -> {
                MessageDao dao = d.attach(MessageDao.class);
                int position = dao.countOf(taskId);
                dao.insert(taskId, position, UUID.randomUUID().toString(), m.role().wire(), m.content(), m.at(),
                        m.attachedFilesJson(), m.thoughtsJson(), m.toolCallsJson());
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

    private final class Events implements EventStore {
        @Override
        public void append(List<Appended> appended) {
            db.write(d -> {
                d.attach(EventDao.class).insertAll(appended);
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

    private final class Runs implements RunStore {
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
                d.attach(RunDao.class).end(taskId, runId, status.wire(), at, usage.promptTokens(), usage.completionTokens());
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

    private final class FollowUps implements FollowUpStore {
        @Override
        public void add(String taskId, String content, String attachedFilesJson, Instant at) {
            db.write(d -> {
                d.attach(FollowUpDao.class).insert(taskId, content, attachedFilesJson, at);
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

    private final class Approvals implements ApprovalStore {
        @Override
        public void request(String taskId, String callId, long runId, String toolName, String argsJson, Instant at) {
            db.write(d -> {
                d.attach(ApprovalDao.class).insert(taskId, callId, runId, toolName, argsJson, PENDING_APPROVAL, at);
                return null;
            });
        }

        @Override
        public List<Pending> pending(String taskId) {
            return db.read(d -> d.attach(ApprovalDao.class).withStatus(taskId, PENDING_APPROVAL));
        }

        @Override
        public boolean settle(String taskId, String callId, String status, String reason, Instant at) {
            return db.write(d -> d.attach(ApprovalDao.class).settle(taskId, callId, status, reason, at, PENDING_APPROVAL)) > 0;
        }
    }

    private final class Keys implements KeyStore {
        @Override
        public void add(ApiKey key, String secretHash) {
            db.write(d -> {
                d.attach(ApiKeyDao.class).insert(key.id(), key.name(), secretHash, key.createdAt(), key.expiresAt(),
                        key.revokedAt());
                return null;
            });
        }

        @Override
        public boolean addIfAbsent(ApiKey key, String secretHash) {
            return db.write(d -> d.attach(ApiKeyDao.class).insertIfAbsent(key.id(), key.name(), secretHash,
                    key.createdAt())) > 0;
        }

        @Override
        public Optional<ApiKey> findByHash(String secretHash) {
            return db.read(d -> d.attach(ApiKeyDao.class).findByHash(secretHash));
        }

        @Override
        public List<ApiKey> all() {
            return db.read(d -> d.attach(ApiKeyDao.class).list());
        }

        @Override
        public boolean any() {
            return db.read(d -> d.attach(ApiKeyDao.class).count()) > 0;
        }

        @Override
        public boolean revoke(String id, Instant at) {
            return db.write(d -> d.attach(ApiKeyDao.class).revoke(at, id)) > 0;
        }
    }

    private final class Idempotency implements IdempotencyStore {
        @Override
        public Optional<Reply> find(String keyId, String scope, String key, Instant since) {
            return db.read(d -> d.attach(IdempotencyDao.class).find(keyId, scope, key, since));
        }

        @Override
        public void put(String keyId, String scope, String key, Reply reply, Instant at) {
            db.write(d -> {
                d.attach(IdempotencyDao.class).put(keyId, scope, key, reply.status(), reply.body(), at);
                return null;
            });
        }

        @Override
        public int expire(Instant before) {
            return db.write(d -> d.attach(IdempotencyDao.class).expire(before));
        }
    }
}
