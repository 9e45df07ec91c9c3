package dev.agentd.tasks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListTest {
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

    @Test
    void theListFiltersByStatusesAndRefusesUnknownOnes() {
        ApiClient mine = server.as(server.createKey("filter"));
        String done = mine.newTask("What is 2+2?");
        mine.awaitStatus(done, "completed");
        String waiting = mine.manualTask("run `echo hi`");
        mine.awaitPendingCall(waiting);

        JsonNode awaiting = mine.get("/api/v1/tasks?status=awaiting_approval").json();
        assertEquals(1, awaiting.get("pagination").get("total").asInt());
        assertEquals(waiting, awaiting.get("data").get(0).get("id").asText());
        assertEquals(
                2,
                mine.get("/api/v1/tasks?status=completed,awaiting_approval&limit=1")
                        .json()
                        .get("pagination")
                        .get("total")
                        .asInt());
        assertEquals(
                0, mine.get("/api/v1/tasks?status=failed").json().get("data").size());
        for (String bad : List.of("done", "running,,", "RUNNING;x")) {
            ApiClient.Reply r = mine.get("/api/v1/tasks?status=" + bad);
            assertEquals(400, r.status(), bad);
            assertEquals("VALIDATION_ERROR", r.errorCode());
        }
    }

    @Test
    void theListIsNewestActivityFirstPagedAndLeavesOutHiddenTasks() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(server.newTask("What is " + i + "+1?"));
            Instant last = Instant.parse(
                    server.awaitFinished(ids.getLast()).get("completedAt").asText());
            await().until(() -> Instant.now().isAfter(last)); // the next task's activity is later
        }
        String hidden = server.createTask("{\"message\":\"secret plans\",\"showInHistory\":false}");
        server.awaitFinished(hidden);
        server.postJson("/api/v1/tasks/" + ids.get(1) + "/messages", "{\"message\":\"add 1 to it\"}");
        server.awaitMessages(ids.get(1), 4);

        JsonNode page = server.get("/api/v1/tasks?limit=2&offset=0").json();
        JsonNode pagination = page.get("pagination");
        assertEquals(5, pagination.get("total").asInt());
        assertEquals(2, pagination.get("limit").asInt());
        assertEquals(0, pagination.get("offset").asInt());
        assertTrue(pagination.get("hasMore").asBoolean());
        JsonNode items = page.get("data");
        assertEquals(ids.get(1), items.get(0).get("id").asText(), "the task with the latest follow-up comes first");
        assertEquals(ids.get(4), items.get(1).get("id").asText());
        assertEquals(4, items.get(0).get("messageCount").asInt());
        assertTrue(items.get(0).has("lastActivityAt"));
        assertFalse(items.get(0).has("output"), "list items carry no output");
        assertFalse(items.get(0).has("pendingApprovals"));

        JsonNode last = server.get("/api/v1/tasks?limit=2&offset=4").json();
        assertEquals(1, last.get("data").size());
        assertFalse(last.get("pagination").get("hasMore").asBoolean());
        for (JsonNode item : server.get("/api/v1/tasks?limit=100").json().get("data")) {
            assertFalse(item.get("id").asText().equals(hidden), "showInHistory=false is left out");
        }
        assertEquals(200, server.get("/api/v1/tasks/" + hidden).status(), "a hidden task can still be fetched");
    }
}
