package dev.agentd.store;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface RunDao {
    @SqlQuery("SELECT coalesce(max(run_id), 0) + 1 FROM runs WHERE task_id = ?")
    long nextRunId(String taskId);

    @SqlUpdate("INSERT INTO runs (task_id, run_id, first_seq, status, started_at) "
            + "VALUES (:task, :run, :firstSeq, 'running', :at)")
    void start(@Bind("task") String taskId, @Bind("run") long runId, @Bind("firstSeq") long firstSeq,
            @Bind("at") Instant at);

    @SqlUpdate("UPDATE runs SET status = :status, ended_at = :at, prompt_tokens = :prompt, "
            + "completion_tokens = :completion WHERE task_id = :task AND run_id = :run")
    void end(@Bind("task") String taskId, @Bind("run") long runId, @Bind("status") String status,
            @Bind("at") Instant at, @Bind("prompt") long promptTokens, @Bind("completion") long completionTokens);

    @SqlQuery("SELECT coalesce(max(run_id), 0) FROM runs WHERE task_id = ?")
    long lastRunId(String taskId);

    @SqlQuery("SELECT first_seq FROM runs WHERE task_id = ? AND run_id = ?")
    long firstSeq(String taskId, long runId);
}
