-- Events keyed by a small task number instead of the 36-character id, with their type as a code and
-- a content piece's text stored alone (codes: see store/sqlite/EventCodec.java). A streamed piece
-- then costs a few bytes more than its text.
ALTER TABLE tasks ADD COLUMN num INTEGER;
UPDATE tasks SET num = rowid;
CREATE UNIQUE INDEX tasks_by_num ON tasks (num);

CREATE TABLE events_compact (
    task    INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    run_id  INTEGER NOT NULL,
    kind    INTEGER NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (task, seq)
) WITHOUT ROWID;

INSERT INTO events_compact (task, seq, run_id, kind, data)
SELECT t.num, e.seq, e.run_id,
       CASE
           WHEN e.type = 'content' AND e.data LIKE '{"text":"%","isPartial":true}' THEN 8
           WHEN e.type = 'content' AND e.data LIKE '{"text":"%","isPartial":false}' THEN 9
           ELSE CASE e.type
               WHEN 'status' THEN 1 WHEN 'thought' THEN 2 WHEN 'content' THEN 3 WHEN 'tool_call' THEN 4
               WHEN 'tool_result' THEN 5 WHEN 'done' THEN 6 WHEN 'error' THEN 7 END
       END,
       CASE
           WHEN e.type = 'content' AND (e.data LIKE '{"text":"%","isPartial":true}'
                                        OR e.data LIKE '{"text":"%","isPartial":false}')
               THEN json_extract(e.data, '$.text')
           ELSE e.data
       END
FROM events e JOIN tasks t ON t.id = e.task_id;

DROP TABLE events;
ALTER TABLE events_compact RENAME TO events;
