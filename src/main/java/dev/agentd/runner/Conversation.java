package dev.agentd.runner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.domain.Message;
import dev.agentd.domain.Role;
import dev.agentd.domain.ToolCallRecord;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ToolCall;
import dev.agentd.workspace.AttachedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Rebuilds the agent's memory from stored history, for a restored session. */
public final class Conversation {
    private Conversation() {}

    /** A stored user message as the model sees it: the upload list first. */
    public static ChatMessage user(Message message, ObjectMapper json) {
        return ChatMessage.user(
                AttachedFile.modelText(message.content(), AttachedFile.fromJson(json, message.attachedFilesJson())));
    }

    static List<ChatMessage> fromHistory(List<Message> history, ObjectMapper json) {
        List<ChatMessage> memory = new ArrayList<>();
        try {
            for (Message m : history) {
                if (m.role() == Role.USER) {
                    memory.add(user(m, json));
                    continue;
                }
                List<ToolCallRecord> calls = m.toolCallsJson() == null
                        ? List.of()
                        : json.readValue(m.toolCallsJson(), new TypeReference<List<ToolCallRecord>>() {});
                if (!calls.isEmpty()) {
                    List<ToolCall> asked = new ArrayList<>();
                    for (ToolCallRecord c : calls) {
                        ObjectNode args = c.args() instanceof ObjectNode o ? o : json.createObjectNode();
                        asked.add(new ToolCall(c.callId(), c.toolName(), args));
                    }
                    memory.add(ChatMessage.assistant("", asked));
                    for (ToolCallRecord c : calls) {
                        memory.add(
                                ChatMessage.toolResult(c.callId(), c.toolName(), c.output() == null ? "" : c.output()));
                    }
                }
                memory.add(ChatMessage.assistant(m.content(), List.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return memory;
    }
}
