package dev.agentd.tasks;

import dev.agentd.workspace.Upload;
import java.util.List;
import java.util.Map;

/**
 * A validated create request (task-api.md §3.1); {@code autoExecute} null when it does not say (the
 * project's default); {@code webhookUrl} [extension] null when it names none.
 */
public record NewTask(
        String message,
        String systemPrompt,
        boolean showInHistory,
        Boolean autoExecute,
        Map<String, String> env,
        Map<String, String> secrets,
        List<Upload> files,
        String model,
        String webhookUrl) {}
