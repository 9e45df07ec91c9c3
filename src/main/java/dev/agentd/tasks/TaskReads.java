package dev.agentd.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.runner.RunHandle;
import dev.agentd.runner.RunOutput;
import dev.agentd.runner.Runner;
import dev.agentd.runner.Thought;
import dev.agentd.runner.ToolCallRecord;
import dev.agentd.store.Database;
import dev.agentd.store.MessageDao;
import dev.agentd.store.MessageRow;
import dev.agentd.store.TaskDao;
import dev.agentd.store.TaskRow;
import java.util.List;
import java.util.Optional;

/** Read-only views of tasks: lists, history, and the output of the current or last run. */
public final class TaskReads {
    public record Page(List<TaskRow> rows, int total) {}

    private final Database database;
    private final Runner runner;
    private final Approvals approvals;
    private final ObjectMapper json;

    public TaskReads(Database database, Runner runner, Approvals approvals, ObjectMapper json) {
        this.approvals = approvals;
        this.database = database;
        this.runner = runner;
        this.json = json;
    }

    public Page list(String apiKeyId, int limit, int offset) {
        return database.with(db -> {
            TaskDao dao = db.attach(TaskDao.class);
            return new Page(dao.listVisible(apiKeyId, limit, offset), dao.countVisible(apiKeyId));
        });
    }

    /** Up to {@code limit} messages from position {@code fromIdx}, oldest first. */
    public List<MessageRow> history(String taskId, int fromIdx, int limit) {
        return database.dao(MessageDao.class).page(taskId, fromIdx, limit);
    }

    /** The position of a message, for paging after it. */
    public Optional<Integer> indexOf(String taskId, String messageId) {
        return database.dao(MessageDao.class).indexOf(taskId, messageId);
    }

    /** Tool calls of the task waiting for a person. */
    public List<Approvals.Pending> pendingApprovals(String taskId) {
        return approvals.pending(taskId);
    }

    /** The active run's output so far, else the last run's assistant message. */
    public Optional<RunOutput.Snapshot> output(String taskId) {
        Optional<RunHandle> active = runner.active(taskId);
        if (active.isPresent()) return Optional.of(active.get().output().snapshot());
        return database.dao(MessageDao.class).lastAssistant(taskId).map(this::snapshot);
    }

    private RunOutput.Snapshot snapshot(MessageRow m) {
        try {
            List<Thought> thoughts = m.thoughts() == null ? List.of() : List.of(json.readValue(m.thoughts(), Thought[].class));
            List<ToolCallRecord> calls = m.toolCalls() == null ? List.of()
                    : List.of(json.readValue(m.toolCalls(), ToolCallRecord[].class));
            return new RunOutput.Snapshot(m.content(), m.createdAt(), thoughts, calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
