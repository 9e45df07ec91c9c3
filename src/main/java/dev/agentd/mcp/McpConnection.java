package dev.agentd.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** One running MCP session with one server: its client, and a future that completes when the server is gone. */
record McpConnection(String name, McpAsyncClient client, CompletableFuture<String> ended) {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    void close() {
        try {
            client.closeGracefully().block(CLOSE_GRACE);
        } catch (RuntimeException e) {
            client.close();
        }
        ended.complete("the session was closed");
    }

    /** What went wrong, from an SDK failure (Reactor wraps timeouts and interrupts in its own exceptions). */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) return "no answer in time";
            if (t.getCause() == null || t.getCause() == t) {
                return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            }
        }
        return "unknown failure";
    }
}
