package dev.agentd.store.sql;

import dev.agentd.store.RunStore;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface RunDao {
    @SqlQuery("SELECT coalesce(max(run_id), 0) + 1 FROM runs WHERE task_id = ?")
    long next(String taskId);

    @SqlUpdate(
            "INSERT INTO runs (task_id, run_id, first_seq, status, started_at) VALUES (:task, :run, :firstSeq, :status, :at)")
    void start(String task, long run, long firstSeq, String status, Instant at);

    @SqlUpdate("UPDATE runs SET status = :status, ended_at = :at, prompt_tokens = :prompt, "
            + "completion_tokens = :completion, cached_tokens = :cached, model_calls = :calls "
            + "WHERE task_id = :task AND run_id = :run")
    void end(String task, long run, String status, Instant at, long prompt, long completion, long cached, long calls);

    /** A task's runs summed. */
    record UsageRow(String taskId, long promptTokens, long completionTokens, long modelCalls) {}

    @SqlQuery("SELECT task_id AS taskId, sum(prompt_tokens) AS promptTokens, sum(completion_tokens) AS "
            + "completionTokens, sum(model_calls) AS modelCalls FROM runs WHERE task_id IN (<ids>) GROUP BY task_id")
    @RegisterConstructorMapper(UsageRow.class)
    List<UsageRow> usage(@BindList("ids") List<String> ids);

    @SqlQuery("SELECT p.name AS project, substr(r.started_at, 1, 10) AS day, count(*) AS runs, "
            + "sum(r.prompt_tokens) AS promptTokens, sum(r.completion_tokens) AS completionTokens, "
            + "sum(r.model_calls) AS modelCalls "
            + "FROM runs r JOIN tasks t ON t.id = r.task_id JOIN projects p ON p.id = t.project_id "
            + "WHERE r.started_at >= :since GROUP BY p.name, day ORDER BY day, p.name")
    @RegisterConstructorMapper(RunStore.DailyUsage.class)
    List<RunStore.DailyUsage> daily(Instant since);

    @SqlQuery("SELECT coalesce(max(run_id), 0) FROM runs WHERE task_id = ?")
    long last(String taskId);

    @SqlQuery("SELECT first_seq FROM runs WHERE task_id = ? AND run_id = ?")
    long firstSeq(String taskId, long runId);
}
