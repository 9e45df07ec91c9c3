package dev.agentd.runner;

import dev.agentd.mcp.McpClients;
import dev.agentd.model.Models;
import dev.agentd.settings.Settings;
import dev.agentd.tools.ToolBox;
import java.time.Duration;

/**
 * What a run's agent is made of: the models, the built-in tools, the projects' settings (which
 * choose the model and add prompts, policies, skills and MCP servers at the start of each run), the
 * MCP clients, the model turns a run may take, and how long a subagent may work.
 */
public record Agent(
        Models models, ToolBox tools, Settings settings, McpClients mcp, int maxSteps, Duration subagentTimeout) {}
