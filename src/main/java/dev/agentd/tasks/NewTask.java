package dev.agentd.tasks;

import dev.agentd.workspace.Upload;
import java.util.List;
import java.util.Map;

/** A validated create request (task-api.md §3.1). */
public record NewTask(
        String message,
        String systemPrompt,
        boolean showInHistory,
        boolean autoExecute,
        Map<String, String> env,
        Map<String, String> secrets,
        List<Upload> files) {}
