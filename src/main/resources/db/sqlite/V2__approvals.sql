-- Tool calls waiting for a person: persisted so that a disconnect or a restart loses nothing.
CREATE TABLE approvals (
    task_id     TEXT NOT NULL REFERENCES tasks(id),
    call_id     TEXT NOT NULL,
    run_id      INTEGER NOT NULL,
    tool_name   TEXT NOT NULL,
    args        TEXT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT,
    created_at  TEXT NOT NULL,
    decided_at  TEXT,
    PRIMARY KEY (task_id, call_id)
) WITHOUT ROWID;
CREATE INDEX approvals_pending ON approvals (task_id, status);
