package dev.agentd.tools;

import java.nio.file.Path;
import java.util.Map;

/** Where a tool acts: the task's workspace, and the environment its commands get. */
public record ToolContext(String taskId, Path workspace, Map<String, String> env) {}
