package dev.agentd.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's settings document, managed with {@code projects get} and {@code projects put}. */
class ProjectSettingsTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        assertEquals(0, server.command("projects", "create", "shop").code());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void putThenGetGivesBackTheDocumentAndAProjectWithoutOneHasAnEmptyDocument() throws Exception {
        assertEquals("{ }", server.command("projects", "get", "shop").out().strip());
        String doc = """
                {"systemPrompt": "You help the shop.", "autoExecute": false,
                 "toolPolicies": {"run_command": "ask", "*_file": "allow"},
                 "mcpServers": {"docs": {"url": "https://mcp.example.com/mcp", "headers": {"X-Key": "{{mcp.KEY}}"}}}}
                """;
        server.putSettings("shop", doc);
        TestServer.Command got = server.command("projects", "get", "shop");
        assertEquals(0, got.code(), got.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(doc), json.readTree(got.out()), "stdout is the document alone: " + got.out());
        assertTrue(got.err().contains("data dir:"), got.err());
    }

    @Test
    void anInvalidDocumentIsRefusedWithEveryFieldNamedAndNothingStored() {
        server.putSettings("shop", "{\"systemPrompt\": \"kept\"}");
        TestServer.Command bad = server.putSettingsFile("shop", """
                {"modle": "builtin", "model": "gpt-4",
                 "toolPolicies": {"run_command": "sometimes"},
                 "mcpServers": {"a": {"args": ["x"]}, "b": {"url": "ftp://x"}},
                 "skills": ["relative/path"], "subagents": {"r": {"maxSteps": 0}}}
                """);
        assertEquals(1, bad.code());
        String err = bad.err();
        for (String field : new String[] {
            "$: property 'modle' is not defined",
            "$.model",
            "$.toolPolicies.run_command",
            "$.mcpServers.a: required property 'command' not found",
            "$.mcpServers.b.url",
            "$.skills[0]",
            "$.subagents.r.maxSteps"
        }) {
            assertTrue(err.contains(field), "names " + field + ": " + err);
        }
        assertTrue(err.contains("/schemas/project-settings.json"), "points at the schema: " + err);
        assertTrue(server.command("projects", "get", "shop").out().contains("kept"), "the old document stays");

        TestServer.Command notJson = server.putSettingsFile("shop", "{\"model\": ");
        assertEquals(1, notJson.code());
        assertTrue(notJson.err().contains("not JSON"), notJson.err());
        TestServer.Command missingSkill = server.putSettingsFile("shop", "{\"skills\": [\"/nowhere/skill\"]}");
        assertEquals(1, missingSkill.code());
        assertTrue(missingSkill.err().contains("$.skills[0]: /nowhere/skill has no SKILL.md"), missingSkill.err());
        assertEquals(1, server.putSettingsFile("nowhere", "{}").code(), "an unknown project");
        assertEquals(2, server.command("projects", "put", "shop").code(), "no file named");
    }

    @Test
    void theSchemaIsPublishedAndIsWhatPutChecksAgainst() throws Exception {
        ApiClient.Reply schema = server.get("/schemas/project-settings.json");
        assertEquals(200, schema.status());
        assertTrue(schema.headers().get("Content-Type").startsWith("application/schema+json"));
        JsonNode root = new ObjectMapper().readTree(schema.body());
        assertEquals(
                "https://json-schema.org/draft/2020-12/schema",
                root.get("$schema").asText());
        assertTrue(root.get("properties").has("mcpServers"));
    }

    @Test
    void aChangeTakesEffectOnTheProjectsNextRunWithoutARestart() {
        server.putSettings("default", "{}");
        String id = server.newTask("run `echo first`");
        assertTrue(
                server.awaitFinished(id).get("output").get("content").asText().contains("first"));
        server.putSettings("default", "{\"toolPolicies\": {\"run_command\": \"deny\"}}");
        try {
            TestServer.Reply r = server.postJson(
                    "/api/v1/tasks/" + id + "/messages", TestServer.jsonOf(Map.of("message", "run `echo second`")));
            assertEquals(202, r.status());
            server.awaitMessages(id, 4);
            JsonNode call = server.historyToolCall(id, 3, 0);
            assertEquals("error", call.get("status").asText());
            assertEquals(
                    "Error: the tool 'run_command' is denied by the project's tool policy",
                    call.get("output").asText());
        } finally {
            server.putSettings("default", "{}");
        }
    }

    @Test
    void aProjectsAutoExecuteIsTheDefaultOfItsNewTasks() {
        server.putSettings("default", "{\"autoExecute\": false}");
        try {
            String asks = server.newTask("run `echo waits`");
            assertEquals(
                    false,
                    server.awaitStatus(asks, "awaiting_approval")
                            .get("autoExecute")
                            .asBoolean());
            String says = server.createTask("{\"message\": \"run `echo goes`\", \"autoExecute\": true}");
            assertEquals("completed", server.awaitFinished(says).get("status").asText(), "a task that says wins");
            server.delete("/api/v1/tasks/" + asks);
        } finally {
            server.putSettings("default", "{}");
        }
    }
}
