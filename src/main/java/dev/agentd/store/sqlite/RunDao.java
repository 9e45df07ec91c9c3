package dev.agentd.store.sqlite;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface RunDao {
    @SqlQuery("SELECT coalesce(max(run_id), 0) + 1 FROM runs WHERE task_id = ?")
    long next(String taskId);

    @SqlUpdate(
            "INSERT INTO runs (task_id, run_id, first_seq, status, started_at) VALUES (:task, :run, :firstSeq, :status, :at)")
    void start(String task, long run, long firstSeq, String status, Instant at);

    @SqlUpdate("UPDATE runs SET status = :status, ended_at = :at, prompt_tokens = :prompt, "
            + "completion_tokens = :completion, cached_tokens = :cached WHERE task_id = :task AND run_id = :run")
    void end(String task, long run, String status, Instant at, long prompt, long completion, long cached);

    @SqlQuery("SELECT coalesce(max(run_id), 0) FROM runs WHERE task_id = ?")
    long last(String taskId);

    @SqlQuery("SELECT first_seq FROM runs WHERE task_id = ? AND run_id = ?")
    long firstSeq(String taskId, long runId);
}
