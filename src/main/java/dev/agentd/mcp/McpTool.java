package dev.agentd.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One tool of an MCP server, offered as {@code <server>__<tool>}. A call waits for the server's
 * answer, the end of the server, its timeout, or the run's cancel, whichever comes first.
 */
final class McpTool implements Tool {
    static final String SEPARATOR = "__";

    private final McpConnection connection;
    private final McpSchema.Tool tool;
    private final ToolSpec spec;
    private final Duration timeout;
    private final ObjectMapper json;

    McpTool(McpConnection connection, McpSchema.Tool tool, Duration timeout, ObjectMapper json) {
        this.connection = connection;
        this.tool = tool;
        this.timeout = timeout;
        this.json = json;
        ObjectNode schema = tool.inputSchema() == null
                ? json.createObjectNode().put("type", "object")
                : json.valueToTree(tool.inputSchema());
        String description = tool.description() != null ? tool.description() : tool.title();
        this.spec = new ToolSpec(
                connection.name() + SEPARATOR + tool.name(),
                (description == null ? "" : description) + " (MCP server " + connection.name() + ")",
                schema);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ToolResult run(ObjectNode args, ToolContext context) throws InterruptedException {
        Map<String, Object> arguments = json.convertValue(args, Map.class);
        CompletableFuture<McpSchema.CallToolResult> call = connection
                .client()
                .callTool(new McpSchema.CallToolRequest(tool.name(), arguments))
                .toFuture();
        CompletableFuture<Object> first = CompletableFuture.anyOf(call, connection.ended());
        try {
            Object done = first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!(done instanceof McpSchema.CallToolResult result)) {
                return ToolResult.error("the MCP server " + connection.name() + " stopped: " + done);
            }
            String text = text(result);
            return Boolean.TRUE.equals(result.isError()) ? ToolResult.error(text) : ToolResult.success(text);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            call.cancel(true);
            return ToolResult.error(
                    "the MCP server " + connection.name() + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return ToolResult.error(
                    "the MCP server " + connection.name() + " failed: " + McpConnection.reason(e.getCause()));
        }
    }

    /** The result's content as the model reads it: text as it is, anything else named. */
    private String text(McpSchema.CallToolResult result) {
        StringBuilder out = new StringBuilder();
        for (McpSchema.Content c :
                result.content() == null ? java.util.List.<McpSchema.Content>of() : result.content()) {
            if (!out.isEmpty()) out.append('\n');
            switch (c) {
                case McpSchema.TextContent t -> out.append(t.text());
                case McpSchema.ImageContent i ->
                    out.append("[image ").append(i.mimeType()).append(']');
                case McpSchema.AudioContent a ->
                    out.append("[audio ").append(a.mimeType()).append(']');
                case McpSchema.EmbeddedResource r ->
                    out.append(
                            r.resource() instanceof McpSchema.TextResourceContents t
                                    ? t.text()
                                    : "[resource " + r.resource().uri() + "]");
                case McpSchema.ResourceLink l ->
                    out.append("[resource link ").append(l.uri()).append(']');
                default -> out.append("[").append(c.type()).append(" content]");
            }
        }
        if (out.isEmpty() && result.structuredContent() != null) {
            try {
                out.append(json.writeValueAsString(result.structuredContent()));
            } catch (JsonProcessingException e) {
                out.append("[structured content]");
            }
        }
        return out.toString();
    }
}
