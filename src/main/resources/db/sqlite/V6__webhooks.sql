-- where a task's transitions are posted (its own webhookUrl, or its project's default when it was created)
ALTER TABLE tasks ADD COLUMN webhook_url TEXT;

-- the outbox: one row per transition of a task with a webhook, written in the transition's transaction
CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,     -- the webhook-id header: the same on every attempt
    task_id         TEXT NOT NULL,
    type            TEXT NOT NULL,        -- task.completed, task.failed, task.cancelled, task.awaiting_approval
    body            TEXT NOT NULL,        -- signed and sent as is on every attempt
    status          TEXT NOT NULL,        -- pending, delivered, failed (gave up)
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,        -- also the lease of an attempt under way
    created_at      TEXT NOT NULL,
    ended_at        TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_task ON webhook_deliveries (task_id);

-- every attempt: what the receiver answered (an HTTP status) or why there was no answer
CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    url         TEXT NOT NULL,
    status      INTEGER,
    error       TEXT,
    ms          INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
