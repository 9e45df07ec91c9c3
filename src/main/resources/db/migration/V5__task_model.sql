-- the model a task chose on create or a later follow-up (null: its project's, else the server's)
ALTER TABLE tasks ADD COLUMN model TEXT;
