package dev.agentd.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;

/** One tool of agent.md §2. Failures the model should see are results, never exceptions. */
public interface Tool {
    ToolSpec spec();

    ToolResult run(ObjectNode args, ToolContext context) throws InterruptedException;
}
