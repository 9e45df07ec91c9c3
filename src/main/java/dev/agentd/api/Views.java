package dev.agentd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.runner.RunOutput;
import dev.agentd.store.MessageRow;
import dev.agentd.store.TaskRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The task and message objects of task-api.md §4 and §5. */
final class Views {
    private final ObjectMapper json;

    Views(ObjectMapper json) {
        this.json = json;
    }

    /** Fields with nothing to say are left out; stored JSON lists are written as they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String id, String role, String content, Instant createdAt,
            @JsonRawValue String attachedFiles, @JsonRawValue String thoughts, @JsonRawValue String toolCalls) {}

    static Message message(MessageRow m) {
        return new Message(m.id(), m.role(), m.content(), m.createdAt(), m.attachedFiles(), m.thoughts(), m.toolCalls());
    }

    Map<String, Object> task(TaskRow t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", t.id());
        v.put("apiKeyId", t.apiKeyId());
        v.put("username", t.username());
        v.put("sessionId", t.sessionId());
        v.put("conversationId", t.conversationId());
        v.put("status", t.status());
        v.put("message", t.message());
        v.put("systemPrompt", t.systemPrompt());
        v.put("showInHistory", t.showInHistory());
        v.put("autoExecute", t.autoExecute());
        v.put("env", readEnv(t.env()));
        v.put("error", t.errorCode() == null ? null : t.errorMessage());
        v.put("errorCode", t.errorCode());
        v.put("createdAt", t.createdAt());
        v.put("startedAt", t.startedAt());
        v.put("completedAt", t.completedAt());
        return v;
    }

    Map<String, Object> listItem(TaskRow t) {
        Map<String, Object> v = task(t);
        v.put("lastActivityAt", t.lastActivityAt());
        v.put("messageCount", t.messageCount());
        return v;
    }

    Map<String, Object> fullTask(TaskRow t, RunOutput.Snapshot output, List<?> pendingApprovals) {
        Map<String, Object> v = task(t);
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

    private Object readEnv(String env) {
        if (env == null) return null;
        try {
            return json.readTree(env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
