package dev.agentd.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool policies: deny > ask > the task's autoExecute, per tool name or pattern. */
class ToolPolicyTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void noPolicies() {
        server.putSettings("default", "{}");
    }

    static String answer(String message) {
        return server.awaitFinished(server.newTask(message))
                .get("output")
                .get("content")
                .asText();
    }

    static JsonNode firstCall(String id) {
        return server.historyToolCall(id, 1, 0);
    }

    @Test
    void aDeniedToolIsNeverOfferedAndACallToItAnywayIsAToolError() {
        server.putSettings("default", "{\"toolPolicies\": {\"run_command\": \"deny\", \"*_files\": \"deny\"}}");
        String tools = answer("list your tools");
        assertFalse(tools.contains("run_command"), tools);
        assertFalse(tools.contains("list_files"), "patterns match: " + tools);
        assertFalse(tools.contains("search_files"), tools);
        assertTrue(tools.contains("read_file"), tools);

        String id = server.newTask("run `echo should not run`");
        server.awaitFinished(id);
        JsonNode call = firstCall(id);
        assertEquals("error", call.get("status").asText());
        assertEquals(
                "Error: the tool 'run_command' is denied by the project's tool policy",
                call.get("output").asText());
    }

    @Test
    void anAskToolWaitsForApprovalEvenWithAutoExecuteAndProceedAlwaysDoesNotLiftIt() {
        server.putSettings("default", "{\"toolPolicies\": {\"write_*\": \"ask\"}}");
        String id = server.newTask("write a.txt: one");
        String callId = server.awaitPendingCall(id);
        assertEquals(
                true,
                server.get("/api/v1/tasks/" + id).data().get("autoExecute").asBoolean());
        assertEquals(200, server.approve(id, callId, "proceed_always").status());
        server.awaitFinished(id);
        assertEquals("success", firstCall(id).get("status").asText());

        TestServer.Reply r = server.postJson(
                "/api/v1/tasks/" + id + "/messages", TestServer.jsonOf(Map.of("message", "write b.txt: two")));
        assertEquals(202, r.status());
        String again = server.awaitPendingCall(id);
        assertEquals(200, server.approve(id, again, "cancel").status());
        server.awaitFinished(id);

        String other = server.newTask("run `echo not asked`");
        assertTrue(
                server.awaitFinished(other)
                        .get("output")
                        .get("content")
                        .asText()
                        .contains("not asked"),
                "tools without a policy follow autoExecute");
    }

    @Test
    void anAllowToolRunsWithoutAskingOnATaskThatAsksUnlessAnAskAlsoMatches() {
        server.putSettings("default", "{\"toolPolicies\": {\"run_command\": \"allow\"}}");
        String ran = server.manualTask("run `echo allowed`");
        assertEquals("completed", server.awaitFinished(ran).get("status").asText(), "allow is not asked about");
        String asked = server.manualTask("write c.txt: three");
        server.awaitPendingCall(asked);
        server.delete("/api/v1/tasks/" + asked);

        // where an allow and an ask both match, ask wins

        server.putSettings("default", "{\"toolPolicies\": {\"run_command\": \"allow\", \"run_*\": \"ask\"}}");
        String both = server.newTask("run `echo both match`");
        server.awaitPendingCall(both);
        server.delete("/api/v1/tasks/" + both);
    }
}
