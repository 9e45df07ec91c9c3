package dev.agentd.tasks;

import dev.agentd.domain.IfBusy;
import dev.agentd.workspace.Upload;
import java.util.List;
import java.util.Map;

/** A validated follow-up (task-api.md §3.5). */
/** {@code model}: another model for this and later runs, or null to keep the task's. */
public record FollowUp(String message, IfBusy ifBusy, Map<String, String> secrets, List<Upload> files, String model) {}
