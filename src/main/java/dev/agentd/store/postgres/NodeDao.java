package dev.agentd.store.postgres;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The nodes of one database and the tasks each holds. Times are the database's own ({@code now()}),
 * so that the nodes' clocks need not agree; {@code ttl} is in seconds.
 */
interface NodeDao {
    /** Who holds a task: the node, where its API answers, and whether it is alive. */
    record Lease(String nodeId, String url, boolean alive) {}

    @SqlUpdate("INSERT INTO nodes (node_id, url, expires_at) VALUES (:node, '', now() + make_interval(secs => :ttl)) "
            + "ON CONFLICT (node_id) DO UPDATE SET url = '', expires_at = excluded.expires_at")
    void register(String node, double ttl);

    @SqlUpdate("UPDATE nodes SET expires_at = now() + make_interval(secs => :ttl) WHERE node_id = :node")
    int renew(String node, double ttl);

    @SqlUpdate("UPDATE nodes SET url = :url WHERE node_id = :node")
    void advertise(String node, String url);

    @SqlUpdate("UPDATE nodes SET expires_at = now() - interval '1 second' WHERE node_id = :node")
    void leave(String node);

    /** Nodes that hold tasks and are not alive (expired, or never registered). */
    @SqlQuery("SELECT DISTINCT l.node_id FROM task_leases l WHERE l.node_id <> :me AND NOT EXISTS "
            + "(SELECT 1 FROM nodes n WHERE n.node_id = l.node_id AND n.expires_at >= now())")
    List<String> gone(String me);

    /**
     * Moves every task of node {@code gone} to {@code me}, unless it came back meanwhile. Of two
     * nodes that try at once, the second finds the tasks moved already and takes none.
     */
    @SqlQuery("UPDATE task_leases SET node_id = :me WHERE node_id = :gone AND NOT EXISTS "
            + "(SELECT 1 FROM nodes n WHERE n.node_id = :gone AND n.expires_at >= now()) RETURNING task_id")
    List<String> inherit(String me, String gone);

    @SqlUpdate("DELETE FROM nodes WHERE node_id = :gone AND expires_at < now()")
    void forget(String gone);

    /**
     * Takes busy tasks that no node holds, idle longer than {@code ttl} (a node that stopped between
     * storing a task and holding it).
     */
    @SqlQuery("INSERT INTO task_leases (task_id, node_id) SELECT t.id, :me FROM tasks t "
            + "WHERE t.status IN (<busy>) AND t.last_activity_at::timestamptz < now() - make_interval(secs => :ttl) "
            + "AND NOT EXISTS (SELECT 1 FROM task_leases l WHERE l.task_id = t.id) "
            + "ON CONFLICT (task_id) DO NOTHING RETURNING task_id")
    List<String> adoptUnheld(String me, double ttl, @BindList("busy") List<String> busy);

    @SqlQuery("SELECT task_id FROM task_leases WHERE node_id = :me")
    List<String> held(String me);

    @SqlQuery("SELECT l.node_id, coalesce(n.url, '') AS url, coalesce(n.expires_at >= now(), false) AS alive "
            + "FROM task_leases l LEFT JOIN nodes n ON n.node_id = l.node_id WHERE l.task_id = :task")
    @RegisterConstructorMapper(Lease.class)
    Optional<Lease> lease(String task);

    /** Takes a task that no node holds; 0 when one does, or when there is no such task. */
    @SqlUpdate("INSERT INTO task_leases (task_id, node_id) SELECT id, :me FROM tasks WHERE id = :task "
            + "ON CONFLICT (task_id) DO NOTHING")
    int take(String task, String me);

    @SqlUpdate("DELETE FROM task_leases WHERE task_id = :task AND node_id = :me")
    void release(String task, String me);
}
