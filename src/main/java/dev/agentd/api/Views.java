package dev.agentd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentd.domain.Message;
import dev.agentd.domain.Output;
import dev.agentd.domain.PendingApproval;
import dev.agentd.domain.Role;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task and message objects of task-api.md §4 and §5. */
final class Views {
    private Views() {}

    /** Fields with nothing to say are left out; stored JSON lists are written as they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageView(
            String id,
            Role role,
            String content,
            Instant createdAt,
            @JsonRawValue String attachedFiles,
            @JsonRawValue String thoughts,
            @JsonRawValue String toolCalls) {}

    static MessageView message(Message m) {
        return new MessageView(
                m.id(),
                m.role(),
                m.content(),
                m.createdAt(),
                m.attachedFilesJson(),
                m.thoughtsJson(),
                m.toolCallsJson());
    }

    static Map<String, Object> task(Task t, TaskUsage usage) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", t.id());
        v.put("apiKeyId", t.owner().keyId());
        v.put("username", t.owner().name());
        v.put("sessionId", t.sessionId());
        v.put("conversationId", t.conversationId());
        v.put("status", t.status());
        v.put("message", t.message());
        v.put("systemPrompt", t.settings().systemPrompt());
        v.put("showInHistory", t.settings().showInHistory());
        v.put("autoExecute", t.settings().autoExecute());
        v.put("env", t.settings().env());
        v.put("model", t.settings().model()); // [extension]
        v.put("error", t.state().error() == null ? null : t.state().error().message());
        v.put("errorCode", t.state().error() == null ? null : t.state().error().code());
        v.put("createdAt", t.createdAt());
        v.put("startedAt", t.state().startedAt());
        v.put("completedAt", t.state().completedAt());
        v.put("usage", usage); // [extension]: summed over the task's finished runs
        return v;
    }

    static Map<String, Object> listItem(Task t, TaskUsage usage) {
        Map<String, Object> v = task(t, usage);
        v.put("lastActivityAt", t.state().lastActivityAt());
        v.put("messageCount", t.state().messageCount());
        return v;
    }

    static Map<String, Object> fullTask(
            Task t, TaskUsage usage, Output output, List<PendingApproval> pendingApprovals) {
        Map<String, Object> v = task(t, usage);
        if (output != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("content", output.content());
            o.put("updatedAt", output.updatedAt());
            o.put("thoughts", output.thoughts());
            o.put("toolCalls", output.toolCalls());
            v.put("output", o);
        } else {
            v.put("output", null);
        }
        if (!pendingApprovals.isEmpty()) v.put("pendingApprovals", pendingApprovals);
        return v;
    }
}
