package dev.agentd.runner;

import dev.agentd.domain.Times;
import dev.agentd.mcp.McpConnections;
import dev.agentd.model.ChatMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live side of a task (task-api.md §7): the agent's working memory, proceed_always grants and
 * secrets. Memory is only touched by the task's run, and runs of a task never overlap.
 */
public final class Session {
    private final String id;
    private final List<ChatMessage> memory;
    private final Set<String> grants = ConcurrentHashMap.newKeySet();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private volatile Instant lastActivity = Times.now();
    private volatile McpConnections mcp;
    private final ContextBudget.State context = new ContextBudget.State();

    public Session(String id, List<ChatMessage> memory) {
        this.id = id;
        this.memory = new ArrayList<>(memory);
    }

    public String id() {
        return id;
    }

    public List<ChatMessage> memory() {
        return memory;
    }

    public Set<String> grants() {
        return grants;
    }

    public Map<String, String> secrets() {
        return secrets;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    /** What is sent to the model when the conversation outgrows its window: the summary so far. */
    ContextBudget.State context() {
        return context;
    }

    /** The session's MCP sessions, null until a run opens them. */
    McpConnections mcp() {
        return mcp;
    }

    void mcp(McpConnections connections) {
        mcp = connections;
    }

    /** Ends what the session holds outside the server: its MCP sessions (expiry, cancel, shutdown). */
    public void close() {
        McpConnections open = mcp;
        mcp = null;
        if (open != null) open.close();
    }

    public void touch() {
        lastActivity = Times.now();
    }
}
