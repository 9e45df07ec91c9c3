package dev.agentd.cluster;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The nodes that serve one database. A task's runs and session live on one node, which holds the
 * task; requests about it are handled there, and when that node is gone another takes the task over.
 * A node alone on its database ({@link #alone()}) holds every task.
 */
public interface Cluster extends AutoCloseable {
    /** Where a task's requests are handled. */
    sealed interface Holder {}

    /** On this node. */
    record Here() implements Holder {}

    /** On the live node {@code nodeId}, whose API answers at {@code url} (empty while it starts). */
    record Elsewhere(String nodeId, String url) implements Holder {}

    Holder HERE = new Here();

    /** What a node hears from the others: events appended, and that it may have missed some. */
    interface Notices {
        /** Events of {@code taskId} up to {@code seq} are committed. */
        void appended(String taskId, long seq);

        /** Notices may have been lost (the listening connection was made again): look at the table. */
        void reconnected();
    }

    /** Whether other nodes may serve the same database. */
    boolean shared();

    /** This node's name. */
    String nodeId();

    /**
     * The node that handles requests about the task. With {@code take}, a task that no live node
     * holds becomes this node's (one held by a node gone is taken over first, with all that node held).
     */
    Holder holder(String taskId, boolean take);

    /** Makes a task just created here this node's. */
    void hold(String taskId);

    /** Lets go of a task that has no run and no session here any more. */
    void release(String taskId);

    /**
     * Joins the other nodes: {@code notices} hears their events; {@code inherit} is given, now and
     * whenever this node takes tasks over, the tasks it takes (now: also those it held before a
     * restart).
     */
    void join(Consumer<Set<String>> inherit, Notices notices);

    /** Tells the other nodes where this node's API answers, once it listens. */
    void advertise(String url);

    /** Leaves: the other nodes take this node's tasks over at once. */
    @Override
    void close();

    /** A node alone on its database: every task is its own. */
    static Cluster alone() {
        return Alone.INSTANCE;
    }
}
