package dev.agentd.runner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ChatMessage;
import dev.agentd.model.ToolCall;
import dev.agentd.store.MessageRow;
import dev.agentd.workspace.AttachedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Rebuilds the agent's memory from stored history, for a restored session. */
final class Conversation {
    private Conversation() {}

    /** A stored user message as the model sees it: the upload list first. */
    static ChatMessage user(MessageRow row, ObjectMapper json) {
        return ChatMessage.user(AttachedFile.modelText(row.content(), AttachedFile.fromJson(json, row.attachedFiles())));
    }

    static List<ChatMessage> fromHistory(List<MessageRow> rows, ObjectMapper json) {
        List<ChatMessage> memory = new ArrayList<>();
        try {
            for (MessageRow row : rows) {
                if (row.role().equals("user")) {
                    memory.add(user(row, json));
                    continue;
                }
                List<ToolCallRecord> calls = row.toolCalls() == null ? List.of()
                        : json.readValue(row.toolCalls(), new TypeReference<List<ToolCallRecord>>() {});
                if (!calls.isEmpty()) {
                    List<ToolCall> asked = new ArrayList<>();
                    for (ToolCallRecord c : calls) {
                        ObjectNode args = c.args() instanceof ObjectNode o ? o : json.createObjectNode();
                        asked.add(new ToolCall(c.callId(), c.toolName(), args));
                    }
                    memory.add(ChatMessage.assistant("", asked));
                    for (ToolCallRecord c : calls) {
                        memory.add(ChatMessage.toolResult(c.callId(), c.toolName(), c.output() == null ? "" : c.output()));
                    }
                }
                memory.add(ChatMessage.assistant(row.content(), List.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return memory;
    }
}
