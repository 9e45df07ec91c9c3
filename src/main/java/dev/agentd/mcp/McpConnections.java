package dev.agentd.mcp;

import dev.agentd.tools.Tool;
import java.util.List;

/**
 * The MCP sessions of one task session: opened when a run first needs them, reused by its later
 * runs while the project's servers stay the same, closed on expiry, cancel and shutdown.
 */
public final class McpConnections implements AutoCloseable {
    static final McpConnections NONE = new McpConnections(List.of(), List.of(), "");

    private final List<McpConnection> connections;
    private final List<Tool> tools;
    private final String key;

    McpConnections(List<McpConnection> connections, List<Tool> tools, String key) {
        this.connections = List.copyOf(connections);
        this.tools = List.copyOf(tools);
        this.key = key;
    }

    /** The servers' tools, prefixed with their server's name. */
    public List<Tool> tools() {
        return tools;
    }

    /** Whether these sessions were opened for servers set up as {@code key} says. */
    boolean openedFor(String key) {
        return this.key.equals(key);
    }

    @Override
    public void close() {
        connections.forEach(McpConnection::close);
    }
}
