package dev.agentd.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.net.PublicAddresses;
import dev.agentd.sandbox.CommandLimits;
import dev.agentd.sandbox.Sandbox;
import dev.agentd.settings.ProjectSettings.McpServer;
import dev.agentd.tools.Tool;
import dev.agentd.workspace.Workspace;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Opens a task session's MCP sessions: stdio servers in the task's sandbox with a clean environment
 * (PATH, HOME, LANG and the server's own {@code env}, never agentd's variables), remote ones only on
 * public addresses unless allowed; {@code {{mcp.KEY}}} filled from the task's env and secrets. A
 * server that cannot be used is reported and left out; the run goes on without its tools.
 */
public final class McpClients {
    private static final int MAX_PAGES = 20;
    /** The tool names model providers take. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Sandbox sandbox;
    private final CommandLimits limits;
    private final PublicAddresses addresses;
    private final Duration startTimeout;
    private final Duration callTimeout;
    private final ObjectMapper json;
    private final JacksonMcpJsonMapper mcpJson;

    public McpClients(
            Sandbox sandbox,
            CommandLimits limits,
            boolean allowPrivate,
            Duration startTimeout,
            Duration callTimeout,
            ObjectMapper json) {
        this.sandbox = sandbox;
        this.limits = limits;
        this.addresses = new PublicAddresses(allowPrivate, "AGENTD_MCP_ALLOW_PRIVATE");
        this.startTimeout = startTimeout;
        this.callTimeout = callTimeout;
        this.json = json;
        this.mcpJson = new JacksonMcpJsonMapper(json);
    }

    /**
     * {@code current} when it was opened for these servers and variables; otherwise {@code current}
     * closed and the enabled servers opened, in parallel, each told about on {@code status} if it
     * cannot be used.
     *
     * @param variables the task's env with its secrets over it
     */
    public McpConnections open(
            McpConnections current,
            Map<String, McpServer> servers,
            Map<String, String> variables,
            Workspace workspace,
            Consumer<String> status)
            throws InterruptedException {
        String key = key(servers, variables);
        if (current != null && current.openedFor(key)) return current;
        if (current != null) current.close();
        Map<String, McpServer> enabled = new TreeMap<>();
        servers.forEach((name, server) -> {
            if (server.isEnabled()) enabled.put(name, server);
        });
        if (enabled.isEmpty()) return McpConnections.NONE;
        Placeholders placeholders = new Placeholders(variables);
        Map<String, CompletableFuture<Opened>> opening = new TreeMap<>();
        enabled.forEach((name, server) -> {
            CompletableFuture<Opened> f = new CompletableFuture<>();
            Thread.ofVirtual().name("mcp-open-" + name).start(() -> {
                try {
                    f.complete(connect(name, server, placeholders, workspace));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
            opening.put(name, f);
        });
        List<McpConnection> connections = new ArrayList<>();
        List<Tool> tools = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<Opened>> e : opening.entrySet()) {
            try {
                Opened o = e.getValue().get();
                connections.add(o.connection());
                tools.addAll(o.tools());
                if (!o.unnamed().isEmpty()) {
                    status.accept("MCP server " + e.getKey() + ": tools left out, their names are not letters, digits, "
                            + "'_' or '-' within 64 characters as <server>__<tool>: " + String.join(", ", o.unnamed()));
                }
            } catch (ExecutionException failure) {
                status.accept("MCP server " + e.getKey() + " is left out of this run: "
                        + McpConnection.reason(failure.getCause()));
            } catch (InterruptedException interrupted) {
                opening.values().forEach(f -> f.thenAccept(o -> o.connection().close()));
                connections.forEach(McpConnection::close);
                throw interrupted;
            }
        }
        return new McpConnections(connections, tools, key);
    }

    /** {@code unnamed}: tools whose prefixed name no model provider takes. */
    private record Opened(McpConnection connection, List<Tool> tools, List<String> unnamed) {}

    private Opened connect(String name, McpServer server, Placeholders placeholders, Workspace workspace)
            throws Exception {
        String where = "mcpServers." + name;
        CompletableFuture<String> ended;
        McpClientTransport transport;
        if (server.remote()) {
            URI uri = URI.create(placeholders.fill(server.url(), where + ".url"));
            Map<String, String> headers = placeholders.fill(server.headers(), where + ".headers");
            if (uri.getHost() == null) throw new IllegalArgumentException(where + ".url has no host");
            addresses.check(uri.getHost());
            transport = remote(uri, headers, server.sse());
            ended = new CompletableFuture<>();
        } else {
            Map<String, String> env = sandbox.baseEnvironment(workspace);
            env.putAll(placeholders.fill(server.env(), where + ".env"));
            List<String> command = new ArrayList<>();
            command.add(server.command());
            command.addAll(server.args());
            Process process;
            try {
                process = sandbox.start(command, workspace, env, limits, server.cwd());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot start " + server.command() + ": " + e.getMessage());
            }
            StdioProcessTransport stdio = new StdioProcessTransport(process, mcpJson, name);
            transport = stdio;
            ended = stdio.ended();
        }
        Duration timeout = server.timeout() != null ? Duration.ofMillis(server.timeout()) : callTimeout;
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("agentd", "1"))
                .requestTimeout(timeout.plusSeconds(5)) // the call's own, in McpTool, comes first and says how long
                .initializationTimeout(startTimeout.plusSeconds(5)) // ours, below, comes first and says which setting
                .build();
        McpConnection connection = new McpConnection(name, client, ended);
        try {
            await(client.initialize().toFuture(), ended);
            List<Tool> tools = new ArrayList<>();
            List<String> unnamed = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                McpSchema.ListToolsResult listed =
                        await(client.listTools(cursor).toFuture(), ended);
                for (McpSchema.Tool t : listed.tools()) {
                    if (!server.tools().offers(t.name())) continue;
                    if (TOOL_NAME.matcher(name + McpTool.SEPARATOR + t.name()).matches()) {
                        tools.add(new McpTool(connection, t, timeout, json));
                    } else {
                        unnamed.add(t.name());
                    }
                }
                cursor = listed.nextCursor();
                if (cursor == null || cursor.isEmpty()) break;
            }
            return new Opened(connection, tools, unnamed);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    /** The answer of {@code request}, unless the server ends or the start timeout passes first. */
    private <T> T await(CompletableFuture<T> request, CompletableFuture<String> ended) throws Exception {
        try {
            Object first = CompletableFuture.anyOf(request, ended).get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (request.isDone()) return request.join();
            throw new IllegalStateException("it stopped: " + first);
        } catch (TimeoutException e) {
            request.cancel(true);
            throw new IllegalStateException(
                    "it did not answer within " + startTimeout.toSeconds() + " s (AGENTD_MCP_START_TIMEOUT)");
        } catch (ExecutionException e) {
            // a server that exits at once fails the first request; how it exited says more
            try {
                throw new IllegalStateException("it stopped: " + ended.get(1, TimeUnit.SECONDS));
            } catch (TimeoutException notEnded) {
                throw new IllegalStateException(McpConnection.reason(e.getCause()));
            }
        }
    }

    private McpClientTransport remote(URI uri, Map<String, String> headers, boolean sse) {
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        McpSyncHttpClientRequestCustomizer withHeaders =
                (request, method, target, body, context) -> headers.forEach(request::setHeader);
        if (sse) {
            return HttpClientSseClientTransport.builder(base)
                    .sseEndpoint(path)
                    .jsonMapper(mcpJson)
                    .connectTimeout(startTimeout)
                    .httpRequestCustomizer(withHeaders)
                    .build();
        }
        return HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .jsonMapper(mcpJson)
                .connectTimeout(startTimeout)
                .httpRequestCustomizer(withHeaders)
                .build();
    }

    /** What the sessions were opened for, as a digest: the variables include secrets, which stay out of it. */
    private static String key(Map<String, McpServer> servers, Map<String, String> variables) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new TreeMap<>(servers).toString().getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(variables).forEach((k, v) -> {
                sha.update((k + "\0" + v + "\0").getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
