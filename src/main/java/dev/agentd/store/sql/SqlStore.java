package dev.agentd.store.sql;

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
import dev.agentd.store.TaskStore;
import dev.agentd.store.WebhookStore;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The store over SQL, the same on every engine: the DAOs' statements run on the connections of a
 * {@link Database}, every read outside a transaction and every write inside one.
 */
public final class SqlStore implements Store {
    private final Database db;
    private final SqlTasks tasks;
    private final SqlMessages messages;
    private final SqlEvents events;
    private final SqlRuns runs;
    private final SqlFollowUps followUps;
    private final SqlApprovals approvals;
    private final SqlWebhooks webhooks;
    private final SqlKeys keys;
    private final SqlIdempotency idempotency;
    private final SqlProjects projects;
    private final SqlApps apps;
    private final SqlSigningKeys signingKeys;
    private final SqlGrants grants;

    public SqlStore(Database db) {
        this.db = db;
        this.messages = new SqlMessages(db);
        this.tasks = new SqlTasks(db, messages);
        this.events = new SqlEvents(db);
        this.runs = new SqlRuns(db);
        this.followUps = new SqlFollowUps(db);
        this.approvals = new SqlApprovals(db);
        this.webhooks = new SqlWebhooks(db);
        this.keys = new SqlKeys(db);
        this.idempotency = new SqlIdempotency(db);
        this.projects = new SqlProjects(db);
        this.apps = new SqlApps(db);
        this.signingKeys = new SqlSigningKeys(db);
        this.grants = new SqlGrants(db);
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
    public <R> R snapshot(Function<Store, R> reads) {
        return db.snapshot(d -> reads.apply(this));
    }

    @Override
    public void reclaim() {
        db.reclaim();
    }

    @Override
    public void backupTo(Path file) {
        db.backupTo(file);
    }

    @Override
    public void close() {
        db.close();
    }
}
