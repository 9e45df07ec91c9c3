-- the model a task chose on create or a later follow-up (null: its project's, else the server's)
ALTER TABLE tasks ADD COLUMN model TEXT;
-- of a run's prompt tokens, those the provider read from its prompt cache
ALTER TABLE runs ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0;
-- the model turns a run took
ALTER TABLE runs ADD COLUMN model_calls INTEGER NOT NULL DEFAULT 0;
-- the model a queued follow-up chose, applied when it runs
ALTER TABLE follow_ups ADD COLUMN model TEXT;
