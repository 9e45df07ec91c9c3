package dev.agentd.store.postgres;

import dev.agentd.cluster.Cluster;
import dev.agentd.domain.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes on one PostgreSQL. Each node renews its row in {@code nodes} every fifth of
 * AGENTD_NODE_TIMEOUT; a node that has not renewed within the timeout is gone, and the first node to
 * notice takes every task it held (its runs end or continue there, as after a restart). Events are
 * heard through LISTEN on a connection of its own; when that connection is made again, notices sent
 * meanwhile are lost, which {@link Notices#reconnected} tells.
 */
public final class PostgresCluster implements Cluster {
    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final List<String> BUSY = Arrays.stream(TaskStatus.values())
            .filter(TaskStatus::busy)
            .map(TaskStatus::wire)
            .toList();

    private final PostgresDatabase db;
    private final String nodeId;
    private final Duration timeout;
    private final double ttl;
    /** One takeover at a time: what is inherited is recovered before the next looks. */
    private final ReentrantLock takeovers = new ReentrantLock();

    private volatile Consumer<Set<String>> inherit = ids -> {};
    private volatile boolean closed;
    private Thread listener;
    private Thread heartbeat;
    private volatile Connection listening;

    public PostgresCluster(PostgresDatabase db, String nodeId, Duration timeout) {
        this.db = db;
        this.nodeId = nodeId;
        this.timeout = timeout;
        this.ttl = timeout.toMillis() / 1000.0;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Holder holder(String taskId, boolean take) {
        while (true) {
            Optional<NodeDao.Lease> lease = db.read(d -> d.attach(NodeDao.class).lease(taskId));
            if (lease.isEmpty()) {
                // taken, or there is no such task: either way it is answered here
                if (!take || db.write(d -> d.attach(NodeDao.class).take(taskId, nodeId)) == 1) return HERE;
                if (db.read(d -> d.attach(NodeDao.class).lease(taskId)).isEmpty()) return HERE;
                continue;
            }
            NodeDao.Lease l = lease.get();
            if (l.nodeId().equals(nodeId)) return HERE;
            if (l.alive()) return new Elsewhere(l.nodeId(), l.url());
            if (!take) return HERE;
            takeOver(l.nodeId());
        }
    }

    @Override
    public void hold(String taskId) {
        db.write(d -> d.attach(NodeDao.class).take(taskId, nodeId));
    }

    @Override
    public void release(String taskId) {
        db.write(d -> {
            d.attach(NodeDao.class).release(taskId, nodeId);
            return null;
        });
    }

    @Override
    public void join(Consumer<Set<String>> inherit, Notices notices) {
        this.inherit = inherit;
        db.write(d -> {
            d.attach(NodeDao.class).register(nodeId, ttl);
            return null;
        });
        listening = listen();
        listener = Thread.ofVirtual().name("pg-listener").start(() -> hear(notices));
        Set<String> mine =
                new LinkedHashSet<>(db.read(d -> d.attach(NodeDao.class).held(nodeId)));
        if (!mine.isEmpty()) {
            log.info("taking back {} tasks this node held before it stopped", mine.size());
            inherit.accept(mine);
        }
        lookForGone();
        long every = Math.max(100, timeout.toMillis() / 5);
        heartbeat = Thread.ofVirtual().name("node-heartbeat").start(() -> beat(every));
    }

    @Override
    public void advertise(String url) {
        db.write(d -> {
            d.attach(NodeDao.class).advertise(nodeId, url);
            return null;
        });
    }

    private void beat(long everyMillis) {
        while (!closed) {
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (db.write(d -> d.attach(NodeDao.class).renew(nodeId, ttl)) == 0) {
                    log.error(
                            "other nodes took this node for gone (it was not heard from for {} s) and took its"
                                    + " tasks over; it registers again",
                            ttl);
                    db.write(d -> {
                        d.attach(NodeDao.class).register(nodeId, ttl);
                        return null;
                    });
                }
                lookForGone();
            } catch (RuntimeException e) {
                if (!closed) log.warn("the node heartbeat failed: {}", e.getMessage());
            }
        }
    }

    /** Takes over the tasks of every node gone, and busy tasks that no node holds. */
    private void lookForGone() {
        for (String gone : db.read(d -> d.attach(NodeDao.class).gone(nodeId))) takeOver(gone);
        takeovers.lock();
        try {
            List<String> adopted = db.write(d -> d.attach(NodeDao.class).adoptUnheld(nodeId, ttl, BUSY));
            if (!adopted.isEmpty()) {
                log.info("taking {} tasks that no node held", adopted.size());
                inherit.accept(new LinkedHashSet<>(adopted));
            }
        } finally {
            takeovers.unlock();
        }
    }

    private void takeOver(String gone) {
        takeovers.lock();
        try {
            List<String> tasks = db.write(d -> {
                List<String> moved = d.attach(NodeDao.class).inherit(nodeId, gone);
                d.attach(NodeDao.class).forget(gone);
                return moved;
            });
            if (tasks.isEmpty()) return;
            log.info("node {} is gone; this node takes its {} tasks over", gone, tasks.size());
            inherit.accept(new LinkedHashSet<>(tasks));
        } finally {
            takeovers.unlock();
        }
    }

    /** A connection of its own, listening. */
    private Connection listen() {
        try {
            Connection c = db.dataSource().getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("LISTEN " + PostgresDatabase.EVENTS_CHANNEL);
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot listen on PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void hear(Notices notices) {
        while (!closed) {
            try {
                PGNotification[] heard = listening.unwrap(PGConnection.class).getNotifications(500);
                if (heard == null) continue;
                for (PGNotification n : heard) {
                    String p = n.getParameter();
                    int colon = p.lastIndexOf(':');
                    notices.appended(p.substring(0, colon), Long.parseLong(p.substring(colon + 1)));
                }
            } catch (SQLException e) {
                if (closed) return;
                log.warn("the listening connection to PostgreSQL failed ({}); connecting again", e.getMessage());
                reconnect(notices);
            } catch (RuntimeException e) {
                log.error("a notice could not be handled", e);
            }
        }
    }

    private void reconnect(Notices notices) {
        closeQuietly(listening);
        while (!closed) {
            try {
                listening = listen();
                notices.reconnected();
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (heartbeat != null) heartbeat.interrupt();
        if (listener != null) {
            listener.interrupt();
            closeQuietly(listening);
        }
        try {
            db.write(d -> {
                d.attach(NodeDao.class).leave(nodeId);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not tell the other nodes that this one leaves: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // it is being let go of
        }
    }
}
