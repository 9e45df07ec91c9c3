package dev.agentd.store.sql;

import dev.agentd.store.EventStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * A database engine under {@link SqlStore}: its connections, each a {@link Db}, the way it runs reads
 * and write transactions, and what only the engine can do (giving pages back, a backup).
 */
public interface Database extends AutoCloseable {
    /** Runs {@code work} on a connection outside a transaction (inside {@link #write}: on the writing one). */
    <R> R read(Function<Db, R> work);

    /**
     * Runs {@code work}'s reads in one read-only transaction, so that together they see the database
     * as of one moment; a call inside {@link #write} reads there instead.
     */
    <R> R snapshot(Function<Db, R> work);

    /**
     * Called inside the transaction that appends {@code events}, for engines that tell other nodes
     * (PostgreSQL: a notification per task, sent on commit).
     */
    default void appended(Db db, List<EventStore.Appended> events) {}

    /** Runs {@code work} in one transaction; a call inside {@code work} joins that transaction. */
    <R> R write(Function<Db, R> work);

    /** The Jdbi instance, for statements outside the DAOs (tests, diagnostics). */
    Jdbi jdbi();

    /** Gives the space that deleted rows left back. */
    void reclaim();

    /** Writes a consistent copy of the whole database to {@code file} (a new file) while it is in use. */
    void backupTo(Path file);

    @Override
    void close();
}
