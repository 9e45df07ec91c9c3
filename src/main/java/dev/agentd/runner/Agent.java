package dev.agentd.runner;

import dev.agentd.mcp.McpClients;
import dev.agentd.model.Model;
import dev.agentd.model.Models;
import dev.agentd.settings.Settings;
import dev.agentd.tools.ToolBox;
import java.time.Duration;

/**
 * What a run's agent is made of: the models, the built-in tools, the projects' settings (which
 * choose the model and add prompts, policies, skills and MCP servers at the start of each run), the
 * MCP clients, the model turns a run may take, how long a subagent may work, and the context window
 * (AGENTD_MODEL_CONTEXT_TOKENS, else the model's) with the room an answer needs in it.
 */
public record Agent(
        Models models,
        ToolBox tools,
        Settings settings,
        McpClients mcp,
        int maxSteps,
        Duration subagentTimeout,
        Integer contextTokens,
        int answerTokens) {
    /** How much of {@code model}'s window a request may fill; null when it has no limit to keep to. */
    ContextBudget budget(Model model) {
        long window = contextTokens != null ? contextTokens : model.contextWindow();
        return window == Long.MAX_VALUE ? null : new ContextBudget(window, answerTokens);
    }
}
