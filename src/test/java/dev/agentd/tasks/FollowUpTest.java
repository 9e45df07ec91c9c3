package dev.agentd.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowUpTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "15"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void followUpsToABusyTaskAreQueuedAndAnsweredInOrder() {
        String id = server.newTask("What is 2+3?");
        TestServer.Reply first =
                server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"multiply that by 2\"}");
        TestServer.Reply second = server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"add 1 to it\"}");
        assertEquals(202, first.status());
        assertEquals("queued", first.data().get("status").asText());
        assertEquals("queued", second.data().get("status").asText());
        server.awaitMessages(id, 6);
        JsonNode messages =
                server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
        List<String> lines = new ArrayList<>();
        for (JsonNode m : messages)
            lines.add(m.get("role").asText() + ": " + m.get("content").asText());
        assertEquals("user: multiply that by 2", lines.get(2));
        assertEquals("assistant: 5 multiplied by 2 equals 10.", lines.get(3), lines.toString());
        assertEquals("user: add 1 to it", lines.get(4));
        assertEquals("assistant: 10 plus 1 equals 11.", lines.get(5));
        assertEquals(
                "completed",
                server.get("/api/v1/tasks/" + id).data().get("status").asText());
    }

    @Test
    void aQueuedFollowUpIsAnnouncedOnTheStreamOfTheRunItWaitsFor() {
        String id = server.newTask("Please write a long-ish answer so the follow-up arrives while this run is busy");
        try (Sse sse = Sse.open(server, id)) {
            server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"What is 7-2?\"}");
            List<Sse.Frame> frames = sse.events();
            assertTrue(
                    frames.stream()
                            .anyMatch(f -> f.event().equals("status")
                                    && f.data().get("status").asText().equals("queued")),
                    "no queued status event");
            assertEquals("done", frames.getLast().event(), "the stream ends with the run it followed");
        }
        server.awaitMessages(id, 4);
        try (Sse sse = Sse.open(server, id)) {
            List<Sse.Frame> frames = sse.events();
            assertEquals("7-2 equals 5.", frames.get(3).data().get("content").asText());
        }
    }

    @Test
    void ifBusyRejectRefusesWithTaskBusyAndStoresNothing() {
        String id = server.newTask("Please write a long answer, so that the task is still busy when we try again");
        TestServer.Reply r = server.postJson(
                "/api/v1/tasks/" + id + "/messages", "{\"message\":\"What is 1+1?\",\"ifBusy\":\"reject\"}");
        assertEquals(409, r.status());
        assertEquals("TASK_BUSY", r.errorCode());
        server.awaitFinished(id);
        server.assertMessagesStay(id, 2);
    }

    @Test
    void theSameIdempotencyKeyCreatesOneTaskAndAnswersTheSameTwice() {
        int before = server.get("/api/v1/tasks")
                .json()
                .get("pagination")
                .get("total")
                .asInt();
        Request request = server.request("/api/v1/tasks")
                .header("Idempotency-Key", "create-once-1")
                .post(RequestBody.create("{\"message\":\"What is 9+9?\"}", TestServer.JSON))
                .build();
        TestServer.Reply a = server.call(request);
        TestServer.Reply b = server.call(request);
        assertEquals(201, a.status());
        assertEquals(a.status(), b.status());
        assertEquals(a.body(), b.body());
        assertEquals(
                before + 1,
                server.get("/api/v1/tasks")
                        .json()
                        .get("pagination")
                        .get("total")
                        .asInt());

        String id = a.data().get("id").asText();
        server.awaitFinished(id);
        Request follow = server.request("/api/v1/tasks/" + id + "/messages")
                .header("Idempotency-Key", "f-1")
                .post(RequestBody.create("{\"message\":\"add 1 to that\"}", TestServer.JSON))
                .build();
        assertEquals(server.call(follow).body(), server.call(follow).body());
        server.awaitMessages(id, 4);
        server.assertMessagesStay(id, 4); // the repeated follow-up was not run twice
    }

    @Test
    void historyPagesAfterAMessage() {
        String id = server.newTask("What is 1+1?");
        server.awaitFinished(id);
        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"add 1 to it\"}");
        server.awaitMessages(id, 4);
        JsonNode all = server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
        String second = all.get(1).get("id").asText();
        JsonNode page = server.get("/api/v1/tasks/" + id + "/history?after=" + second + "&limit=1")
                .data()
                .get("messages");
        assertEquals(1, page.size());
        assertEquals(all.get(2), page.get(0));
    }
}
