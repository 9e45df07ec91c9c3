package dev.agentd.tools;

import dev.agentd.secrets.Masker;
import dev.agentd.workspace.Workspace;
import java.util.Map;

/**
 * Where a tool acts: the task's workspace, the environment its commands get, and the masker of the
 * task's secrets, applied to every output before it is cut to size.
 */
public record ToolContext(String taskId, Workspace workspace, Map<String, String> env, Masker masker) {}
