CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT,
    revoked_at  TEXT
);

CREATE TABLE tasks (
    id               TEXT PRIMARY KEY,
    api_key_id       TEXT NOT NULL REFERENCES api_keys(id),
    session_id       TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    status           TEXT NOT NULL,
    message          TEXT NOT NULL,
    system_prompt    TEXT,
    show_in_history  INTEGER NOT NULL,
    auto_execute     INTEGER NOT NULL,
    env              TEXT,
    error_code       TEXT,
    error_message    TEXT,
    created_at       TEXT NOT NULL,
    started_at       TEXT,
    completed_at     TEXT,
    last_activity_at TEXT NOT NULL,
    message_count    INTEGER NOT NULL DEFAULT 0,
    -- first event sequence number not yet handed out; blocks are reserved ahead so seq never repeats
    seq_next         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_by_key_activity ON tasks (api_key_id, show_in_history, last_activity_at DESC);
CREATE INDEX tasks_by_status ON tasks (status);

CREATE TABLE messages (
    task_id        TEXT NOT NULL REFERENCES tasks(id),
    idx            INTEGER NOT NULL,
    id             TEXT NOT NULL,
    role           TEXT NOT NULL,
    content        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    attached_files TEXT,
    thoughts       TEXT,
    tool_calls     TEXT,
    PRIMARY KEY (task_id, idx)
) WITHOUT ROWID;

CREATE TABLE events (
    task_id    TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    run_id     INTEGER NOT NULL,
    type       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (task_id, seq)
) WITHOUT ROWID;

CREATE TABLE runs (
    task_id        TEXT NOT NULL REFERENCES tasks(id),
    run_id         INTEGER NOT NULL,
    first_seq      INTEGER NOT NULL,
    status         TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, run_id)
) WITHOUT ROWID;

CREATE TABLE follow_ups (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id        TEXT NOT NULL REFERENCES tasks(id),
    content        TEXT NOT NULL,
    attached_files TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX follow_ups_by_task ON follow_ups (task_id, id);

CREATE TABLE idempotency_keys (
    api_key_id  TEXT NOT NULL,
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (api_key_id, scope, key)
) WITHOUT ROWID;
