package dev.agentd.tasks;

import dev.agentd.workspace.Upload;
import java.util.List;
import java.util.Map;

/** A validated follow-up (task-api.md §3.5); {@code ifBusy} is queue, reject or interrupt. */
public record FollowUp(String message, String ifBusy, Map<String, String> secrets, List<Upload> files) {}
