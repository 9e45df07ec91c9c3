package dev.agentd.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.auth.Principal;
import dev.agentd.domain.Message;
import dev.agentd.domain.Output;
import dev.agentd.domain.PendingApproval;
import dev.agentd.domain.Role;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskPage;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.TaskUsage;
import dev.agentd.domain.Thought;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.runner.Approvals;
import dev.agentd.runner.RunHandle;
import dev.agentd.runner.Runner;
import dev.agentd.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read-only views of tasks: lists, history, and the output of the current or last run. */
public final class TaskReads {
    private final Store store;
    private final Runner runner;
    private final Approvals approvals;
    private final ObjectMapper json;

    public TaskReads(Store store, Runner runner, Approvals approvals, ObjectMapper json) {
        this.store = store;
        this.runner = runner;
        this.approvals = approvals;
        this.json = json;
    }

    public TaskPage list(Principal caller, Set<TaskStatus> statuses, int limit, int offset) {
        return store.tasks().listVisible(caller.owner(), statuses, limit, offset);
    }

    /** Up to {@code limit} messages from position {@code from}, oldest first. */
    public List<Message> history(String taskId, int from, int limit) {
        return store.messages().page(taskId, from, limit);
    }

    /** The position of a message, for paging after it. */
    public Optional<Integer> indexOf(String taskId, String messageId) {
        return store.messages().indexOf(taskId, messageId);
    }

    /** Tool calls of the task waiting for a person. */
    public List<PendingApproval> pendingApprovals(String taskId) {
        return approvals.pending(taskId);
    }

    /** What each task's finished runs used of their models [extension]; tasks without one are missing. */
    public Map<String, TaskUsage> usage(List<Task> tasks) {
        return store.runs().usage(tasks.stream().map(Task::id).toList());
    }

    /** The active run's output so far, else the last run's assistant message. */
    public Optional<Output> output(String taskId) {
        Optional<RunHandle> active = runner.active(taskId);
        if (active.isPresent()) return Optional.of(active.get().output().snapshot());
        return store.messages().lastOf(taskId, Role.ASSISTANT).map(this::snapshot);
    }

    private Output snapshot(Message m) {
        try {
            List<Thought> thoughts =
                    m.thoughtsJson() == null ? List.of() : List.of(json.readValue(m.thoughtsJson(), Thought[].class));
            List<ToolCallRecord> calls = m.toolCallsJson() == null
                    ? List.of()
                    : List.of(json.readValue(m.toolCallsJson(), ToolCallRecord[].class));
            return new Output(m.content(), m.createdAt(), thoughts, calls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
