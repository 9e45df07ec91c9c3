package dev.agentd.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.McpFixtures;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote MCP server over streamable HTTP: server-everything listening on this machine. */
class McpHttpTest {
    static McpFixtures.HttpServer remote;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        McpFixtures.assumeInstalled();
        remote = new McpFixtures.HttpServer();
    }

    @AfterAll
    static void stop() {
        if (remote != null) remote.close();
    }

    private String settings() {
        return settings("");
    }

    /** The remote server, then {@code more} fields of the document. */
    private String settings(String more) {
        return """
                {"mcpServers": {"remote": {"url": "%s", "type": "http", "timeout": 20000,
                  "headers": {"Authorization": "Bearer {{mcp.TOKEN}}"}, "tools": {"deny": ["get-env"]}}}%s}
                """.formatted(remote.url(), more);
    }

    @Test
    void aRemoteServersToolsAreCalledOverHttpWhenPrivateAddressesAreAllowed() {
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_MCP_ALLOW_PRIVATE", "true"))) {
            server.putSettings("default", settings());
            String id = server.createTask(TestServer.jsonOf(Map.of(
                    "message", "use remote__get-sum with {\"a\": 2, \"b\": 40}", "secrets", Map.of("TOKEN", "t-1"))));
            server.awaitFinished(id);
            JsonNode call = server.historyToolCall(id, 1, 0);
            assertEquals("success", call.get("status").asText(), call.toString());
            assertTrue(call.get("output").asText().contains("42"), call.toString());

            server.putSettings("default", settings(", \"toolPolicies\": {\"remote__*\": \"ask\"}"));
            McpStdioTest.followUp(server, id, "use remote__echo with {\"message\": \"asked first\"}");
            String callId = server.awaitPendingCall(id);
            assertEquals(200, server.approve(id, callId, "proceed_once").status());
            server.awaitMessages(id, 4);
            JsonNode approved = server.historyToolCall(id, 3, 0);
            assertEquals("Echo: asked first", approved.get("output").asText(), "an MCP tool asked about: " + approved);

            McpStdioTest.followUp(server, id, "list your tools");
            server.awaitMessages(id, 6);
            String tools = server.awaitFinished(id).get("output").get("content").asText();
            assertTrue(tools.contains("remote__echo"), tools);
            assertFalse(tools.contains("remote__get-env"), "the server's own filter leaves it out: " + tools);
        }
    }

    @Test
    void aRemoteServerOnALoopbackAddressIsRefusedByDefault() {
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", settings());
            String id = server.createTask(
                    TestServer.jsonOf(Map.of("message", "list your tools", "secrets", Map.of("TOKEN", "t-1"))));
            String tools = server.awaitFinished(id).get("output").get("content").asText();
            assertFalse(tools.contains("remote__"), tools);
            String statuses = McpStdioTest.statuses(server, id);
            assertTrue(
                    statuses.contains("MCP server remote is left out of this run: 127.0.0.1 is a loopback, private or "
                            + "link-local address (set AGENTD_MCP_ALLOW_PRIVATE=true to allow them)"),
                    statuses);
        }
    }
}
