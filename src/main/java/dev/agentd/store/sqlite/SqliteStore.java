package dev.agentd.store.sqlite;

import dev.agentd.domain.TaskStatus;
import dev.agentd.store.AppStore;
import dev.agentd.store.ApprovalStore;
import dev.agentd.store.EventStore;
import dev.agentd.store.FollowUpStore;
import dev.agentd.store.GrantStore;
import dev.agentd.store.IdempotencyStore;
import dev.agentd.store.KeyStore;
import dev.agentd.store.MessageStore;
import dev.agentd.store.ProjectStore;
import dev.agentd.store.RunStore;
import dev.agentd.store.SigningKeyStore;
import dev.agentd.store.Store;
import dev.agentd.store.StoreException;
import dev.agentd.store.TaskStore;
import dev.agentd.store.WebhookStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.JdbiException;

/**
 * The store on SQLite, the embedded default: every read on a reader connection, every write in a
 * transaction of the one writer ({@link Database}).
 */
public final class SqliteStore implements Store {
    private static final List<String> BUSY = Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::busy)
            .map(TaskStatus::wire)
            .toList();
    private static final String PENDING_APPROVAL = "pending";

    private final Database db;
    private final SqliteTasks tasks;
    private final SqliteMessages messages;
    private final SqliteEvents events;
    private final SqliteRuns runs;
    private final SqliteFollowUps followUps;
    private final SqliteApprovals approvals;
    private final SqliteWebhooks webhooks;
    private final SqliteKeys keys;
    private final SqliteIdempotency idempotency;
    private final SqliteProjects projects;
    private final SqliteApps apps;
    private final SqliteSigningKeys signingKeys;
    private final SqliteGrants grants;

    private SqliteStore(Database db) {
        this.db = db;
        this.messages = new SqliteMessages(db);
        this.tasks = new SqliteTasks(db, messages);
        this.events = new SqliteEvents(db);
        this.runs = new SqliteRuns(db);
        this.followUps = new SqliteFollowUps(db);
        this.approvals = new SqliteApprovals(db);
        this.webhooks = new SqliteWebhooks(db);
        this.keys = new SqliteKeys(db);
        this.idempotency = new SqliteIdempotency(db);
        this.projects = new SqliteProjects(db);
        this.apps = new SqliteApps(db);
        this.signingKeys = new SqliteSigningKeys(db);
        this.grants = new SqliteGrants(db);
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
    public WebhookStore webhooks() {
        return webhooks;
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
    public ProjectStore projects() {
        return projects;
    }

    @Override
    public AppStore apps() {
        return apps;
    }

    @Override
    public SigningKeyStore signingKeys() {
        return signingKeys;
    }

    @Override
    public GrantStore grants() {
        return grants;
    }

    @Override
    public <R> R inTransaction(Function<Store, R> work) {
        return db.write(d -> work.apply(this));
    }

    @Override
    public void reclaim() {
        db.vacuum();
    }

    /** SQLite's VACUUM INTO, on a connection of its own: one read transaction, so one moment's state. */
    @Override
    public void backupTo(Path file) {
        try {
            db.jdbi().useHandle(h -> h.execute("VACUUM INTO ?", file.toString()));
        } catch (JdbiException e) {
            throw new StoreException("the backup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
