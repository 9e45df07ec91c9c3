package dev.agentd.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.McpFixtures;
import dev.agentd.support.Processes;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP servers that crash, hang or take long: none of them holds a run up. */
class McpFailureTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void installed() {
        McpFixtures.assumeInstalled();
    }

    @Test
    void aCrashingAndAHangingServerAreReportedAndTheRunGoesOnWithTheOthers() {
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_MCP_START_TIMEOUT", "6s"))) {
            server.putSettings("default", """
                    {"mcpServers": {
                      "crashing": {"command": "sh", "args": ["-c", "echo boom >&2; exit 3"]},
                      "hanging": {"command": "sleep", "args": ["600"]},
                      "peeking": {"command": "ls", "cwd": "/run"},
                      "everything": {"command": "node", "args": ["%s/dist/index.js", "stdio"], "cwd": "%s"}}}
                    """.formatted(McpFixtures.EVERYTHING, McpFixtures.INSTALLED));
            String id = server.newTask("list your tools");
            JsonNode task = server.awaitFinished(id);
            assertEquals("completed", task.get("status").asText());
            String tools = task.get("output").get("content").asText();
            assertTrue(tools.contains("everything__echo"), tools);
            String statuses = McpStdioTest.statuses(server, id);
            assertTrue(
                    statuses.contains("MCP server crashing is left out of this run: it stopped: it exited with code 3 "
                            + "(boom)"),
                    statuses);
            assertTrue(
                    statuses.contains("MCP server hanging is left out of this run: it did not answer within 6 s "
                            + "(AGENTD_MCP_START_TIMEOUT)"),
                    statuses);
            assertTrue(
                    statuses.contains("MCP server peeking is left out of this run: cannot start ls: the folder /run "
                            + "cannot be given to a sandbox"),
                    "the host's sockets stay out of reach: " + statuses);
            Processes.awaitGone("sleep 600", Duration.ofSeconds(5));
        }
    }

    static String marked(String marker) {
        return """
                {"mcpServers": {"everything":
                  {"command": "node", "args": ["%s/dist/index.js", "stdio", "%s"], "cwd": "%s"}}}
                """.formatted(McpFixtures.EVERYTHING, marker, McpFixtures.INSTALLED);
    }

    @Test
    void followUpsReuseTheTasksMcpSessionWhichEndsWhenTheSessionExpires() {
        String marker = "mcp-expiry-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_SESSION_IDLE_TIMEOUT", "1s"))) {
            server.putSettings("default", marked(marker));
            String id = server.newTask("use everything__echo with {\"message\": \"one\"}");
            server.awaitFinished(id);
            long servers = Processes.withMarker(marker);
            assertTrue(servers > 0, "the server runs while the session lives");
            McpStdioTest.followUp(server, id, "use everything__echo with {\"message\": \"two\"}");
            server.awaitMessages(id, 4);
            assertEquals(servers, Processes.withMarker(marker), "the follow-up used the same server");
            Processes.awaitGone(marker, Duration.ofSeconds(10));
        }
    }

    @Test
    void shutdownEndsTheMcpSessions() {
        String marker = "mcp-shutdown-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", marked(marker));
            server.awaitFinished(server.newTask("list your tools"));
            assertTrue(Processes.withMarker(marker) > 0);
        }
        Processes.awaitGone(marker, Duration.ofSeconds(5));
    }

    @Test
    void cancelStopsALongMcpCallAndItsServer() {
        String marker = "mcp-long-" + UUID.randomUUID();
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", marked(marker));
            String id = server.newTask(
                    "use everything__trigger-long-running-operation with {\"duration\": 300, \"steps\": 2}");
            try (Sse sse = Sse.open(server, id)) {
                for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                    if (!f.isComment() && f.event().equals("tool_call")) break;
                }
            }
            assertTrue(Processes.withMarker(marker) > 0, "the server runs the call");
            TestServer.Reply cancel = server.delete("/api/v1/tasks/" + id);
            assertEquals(200, cancel.status(), cancel.body());
            assertEquals(
                    "cancelled",
                    server.get("/api/v1/tasks/" + id).data().get("status").asText(),
                    "the run has ended when DELETE answers");
            JsonNode call = server.historyToolCall(id, 1, 0);
            assertEquals("cancelled", call.get("status").asText(), call.toString());
            Processes.awaitGone(marker, Duration.ofSeconds(5));
        }
    }
}
