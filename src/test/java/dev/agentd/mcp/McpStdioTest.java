package dev.agentd.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.McpFixtures;
import dev.agentd.support.ServerLog;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP servers over stdio, started in the task's sandbox: server-everything and server-filesystem from npm. */
class McpStdioTest {
    private static final String SECRET = "mcp-secret-5d1e7b";

    @TempDir
    Path dir;

    @BeforeAll
    static void installed() {
        McpFixtures.assumeInstalled();
    }

    static String everything(String extra) {
        return """
                {"mcpServers": {"everything": {
                  "command": "node", "args": ["%s/dist/index.js", "stdio"], "cwd": "%s",
                  "env": {"SERVICE_TOKEN": "Bearer {{mcp.TOKEN}}", "PLAIN": "{{mcp.REGION}}"}}%s}}
                """.formatted(McpFixtures.EVERYTHING, McpFixtures.INSTALLED, extra);
    }

    @Test
    void aStdioServersToolsAreOfferedCalledAndRecordedInHistory() {
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", everything(""));
            String id = server.createTask(TestServer.jsonOf(Map.of(
                    "message", "list your tools", "env", Map.of("REGION", "eu"), "secrets", Map.of("TOKEN", SECRET))));
            String tools = server.awaitFinished(id).get("output").get("content").asText();
            assertTrue(tools.contains("everything__echo"), tools + statuses(server, id));
            assertTrue(tools.contains("everything__get-env"), tools);
            assertTrue(tools.contains("run_command"), "beside the built-in tools: " + tools);

            followUp(server, id, "use everything__echo with {\"message\": \"hi from agentd\"}");
            server.awaitMessages(id, 4);
            JsonNode history =
                    server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
            JsonNode call = history.get(3).get("toolCalls").get(0);
            assertEquals("everything__echo", call.get("toolName").asText(), call.toString());
            assertEquals("success", call.get("status").asText(), call.toString());
            assertEquals("Echo: hi from agentd", call.get("output").asText());
        }
    }

    @Test
    void placeholdersAreFilledFromTheTasksSecretsWhichStayMaskedAndOutOfEveryFileAndLog() throws IOException {
        ServerLog log = ServerLog.mark();
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", everything(""));
            String id = server.createTask(TestServer.jsonOf(Map.of(
                    "message", "use everything__get-env with {}",
                    "env", Map.of("REGION", "eu-west"),
                    "secrets", Map.of("TOKEN", SECRET))));
            JsonNode task = server.awaitFinished(id);
            String env = server.get("/api/v1/tasks/" + id + "/history").body();
            assertTrue(env.contains("\\\"SERVICE_TOKEN\\\": \\\"Bearer ***\\\""), "filled, then masked: " + env);
            assertTrue(env.contains("\\\"PLAIN\\\": \\\"eu-west\\\""), env);
            assertFalse(env.contains("AGENTD_"), "none of the server's own variables: " + env);
            assertFalse(env.contains("JAVA_HOME"), env);
            assertFalse(task.toString().contains(SECRET));
        }
        List<Path> holders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET)) holders.add(f);
            }
        }
        assertEquals(List.of(), holders, "no file under the data dir holds the secret");
        assertFalse(log.since().contains(SECRET), "no log line holds it");
    }

    @Test
    void anUnknownPlaceholderIsAClearStatusInTheStreamAndTheRunGoesOnWithoutThatServer() {
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", everything(""));
            String id = server.createTask(
                    TestServer.jsonOf(Map.of("message", "list your tools", "secrets", Map.of("TOKEN", SECRET))));
            JsonNode task = server.awaitFinished(id);
            assertEquals("completed", task.get("status").asText());
            String statuses = statuses(server, id);
            assertTrue(
                    statuses.contains("MCP server everything is left out of this run: "
                            + "mcpServers.everything.env.PLAIN uses {{mcp.REGION}}, but the task has no env or "
                            + "secret named REGION"),
                    statuses);
            String tools = task.get("output").get("content").asText();
            assertFalse(tools.contains("everything__"), tools);
        }
    }

    @Test
    void theFilesystemServerWorksOnTheWorkspaceMountedInItsSandbox() {
        try (TestServer server = TestServer.start(dir)) {
            server.putSettings("default", """
                    {"mcpServers": {"fs": {"command": "node", "args": ["%s/dist/index.js", "/workspace"], "cwd": "%s"}}}
                    """.formatted(McpFixtures.FILESYSTEM, McpFixtures.INSTALLED));
            String id = server.newTask("write notes/plan.txt: step one");
            server.awaitFinished(id);
            followUp(server, id, "use fs__read_text_file with {\"path\": \"/workspace/notes/plan.txt\"}");
            server.awaitMessages(id, 4);
            JsonNode call = server.historyToolCall(id, 3, 0);
            assertEquals("step one", call.get("output").asText(), call.toString());
            followUp(server, id, "use fs__read_text_file with {\"path\": \"" + dir.resolve("agentd.db") + "\"}");
            server.awaitMessages(id, 6);
            JsonNode outside = server.historyToolCall(id, 5, 0);
            assertEquals("error", outside.get("status").asText(), "the data dir is not there: " + outside);
        }
    }

    @Test
    void anAnswerLongerThanALineMayBeIsDroppedAndTheCallTimesOutWithoutHoldingIt() {
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_MCP_CALL_TIMEOUT", "3s"))) {
            server.putSettings("default", """
                    {"mcpServers": {"fs": {"command": "node", "args": ["%s/dist/index.js", "/workspace"], "cwd": "%s"}}}
                    """.formatted(McpFixtures.FILESYSTEM, McpFixtures.INSTALLED));
            String id = server.newTask("run `head -c 20000000 /dev/zero | tr '\\0' a > big.txt`");
            server.awaitFinished(id);
            followUp(server, id, "use fs__read_text_file with {\"path\": \"/workspace/big.txt\"}");
            server.awaitMessages(id, 4);
            JsonNode call = server.historyToolCall(id, 3, 0);
            assertEquals(
                    "Error: the MCP server fs did not answer within 3 s",
                    call.get("output").asText());
            followUp(server, id, "use fs__list_directory with {\"path\": \"/workspace\"}");
            server.awaitMessages(id, 6);
            String listing = server.historyToolCall(id, 5, 0).get("output").asText();
            assertTrue(listing.contains("big.txt"), "the session goes on: " + listing);
        }
    }

    static String statuses(TestServer server, String id) {
        return Sse.replay(server, id).stream()
                .filter(f -> f.event().equals("status"))
                .map(f -> f.data().get("message").asText())
                .toList()
                .toString();
    }

    static void followUp(TestServer server, String id, String message) {
        TestServer.Reply r =
                server.postJson("/api/v1/tasks/" + id + "/messages", TestServer.jsonOf(Map.of("message", message)));
        assertEquals(202, r.status(), r.body());
    }
}
