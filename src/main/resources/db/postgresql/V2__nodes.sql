-- The nodes serving one database, each with the time after which the others take it as gone
-- (it renews that time while it lives), and which node holds each task whose runs or session it
-- keeps. A task no live node holds is taken by the next node that needs it.
CREATE TABLE nodes (
    node_id    TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE task_leases (
    task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL
);

CREATE INDEX task_leases_by_node ON task_leases(node_id);
