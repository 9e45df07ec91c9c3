package dev.agentd.store;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The durable state of agentd (agent.md §5), behind operations named after what the lifecycle does.
 * One implementation per database engine ({@code store/sqlite}, the embedded default); nothing
 * outside this package sees a connection, a row or a statement.
 */
public interface Store extends AutoCloseable {
    TaskStore tasks();

    MessageStore messages();

    EventStore events();

    RunStore runs();

    FollowUpStore followUps();

    ApprovalStore approvals();

    KeyStore keys();

    IdempotencyStore idempotency();

    ProjectStore projects();

    AppStore apps();

    SigningKeyStore signingKeys();

    GrantStore grants();

    WebhookStore webhooks();

    /**
     * Runs {@code work} in one write transaction: every operation of the store it is given commits
     * together, or none does. A call inside a transaction joins it.
     */
    <R> R inTransaction(Function<Store, R> work);

    default void useTransaction(Consumer<Store> work) {
        inTransaction(s -> {
            work.accept(s);
            return null;
        });
    }

    /** Runs {@code reads} so that together they see the store as of one moment. */
    <R> R snapshot(Function<Store, R> reads);

    /** Gives the pages that deleted rows left free back to the file system (blocks writes meanwhile). */
    void reclaim();

    /** Writes a consistent copy of the whole database to {@code file} (a new file) while it is in use. */
    void backupTo(Path file);

    @Override
    void close();
}
