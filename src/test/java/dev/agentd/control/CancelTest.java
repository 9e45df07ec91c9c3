package dev.agentd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Processes;
import dev.agentd.support.Sse;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancelTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "30", "AGENTD_MAX_CONCURRENT_RUNS", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void cancellingARunningCommandKillsItAndEndsTheRunAsCancelled() {
        String marker = "agentd-sleep-" + UUID.randomUUID().toString().substring(0, 8);
        String id = server.newTask("run `(exec -a " + marker + " sleep 300); echo never`");
        try (Sse sse = Sse.open(server, id)) {
            List<Sse.Frame> seen = new ArrayList<>();
            for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                if (f.isComment()) continue;
                seen.add(f);
                if (f.event().equals("tool_call")) break;
            }
            Processes.awaitStarted(marker);
            long start = System.nanoTime();
            TestServer.Reply r = server.delete("/api/v1/tasks/" + id);
            assertEquals(200, r.status(), r.body());
            assertEquals("Task cancelled", r.data().get("message").asText());
            Processes.awaitGone(marker, Duration.ofSeconds(2));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "gone from the process table within 2 s");
            seen.addAll(sse.events());
            Sse.Frame result = seen.stream()
                    .filter(f -> f.event().equals("tool_result"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("cancelled", result.data().get("status").asText());
            assertEquals("error", seen.getLast().event(), "the stream ends with the terminal error and closes");
            assertEquals("CANCELLED", seen.getLast().data().get("code").asText());
        }
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertEquals("cancelled", task.get("status").asText());
        assertEquals("CANCELLED", task.get("errorCode").asText());
        JsonNode messages =
                server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
        assertEquals(2, messages.size(), "what was produced is kept");
        assertEquals(
                "cancelled",
                messages.get(1).get("toolCalls").get(0).get("status").asText());
        assertTrue(messages.get(1).get("content").asText().startsWith("Running"));

        assertEquals(200, server.delete("/api/v1/tasks/" + id).status(), "cancelling again is fine");
    }

    @Test
    void cancellingWhileTheModelStreamsKeepsThePartialText() {
        String id = server.newTask("Tell me a long story about a server that streams words one by one to many clients");
        server.awaitContent(id, "You said:");
        assertEquals(200, server.delete("/api/v1/tasks/" + id).status());
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertEquals("cancelled", task.get("status").asText(), "the run has ended when DELETE answers");
        String partial = server.get("/api/v1/tasks/" + id + "/history")
                .data()
                .get("messages")
                .get(1)
                .get("content")
                .asText();
        assertTrue(partial.startsWith("You said:") && partial.length() < 150, partial);
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
            List<Sse.Frame> events = sse.events();
            assertEquals(partial, Sse.text(events));
            assertEquals(1, events.stream().filter(Sse.Frame::terminal).count());
        }
    }

    @Test
    void completedTasksCannotBeCancelledAndUnknownOnesAreNotFound() {
        String id = server.newTask("What is 1+1?");
        server.awaitFinished(id);
        TestServer.Reply r = server.delete("/api/v1/tasks/" + id);
        assertEquals(409, r.status());
        assertEquals("INVALID_STATE", r.errorCode());
        assertEquals(404, server.delete("/api/v1/tasks/" + UUID.randomUUID()).status());
    }

    @Test
    void aPendingTaskWaitingForCapacityCanBeCancelled() {
        String a = server.newTask("Keep the first slot busy with a reasonably long answer, word after word after word");
        String b =
                server.newTask("Keep the second slot busy with a reasonably long answer, word after word after word");
        String c = server.newTask("What is 2+2?");
        assertEquals(
                "pending", server.get("/api/v1/tasks/" + c).data().get("status").asText());
        assertEquals(200, server.delete("/api/v1/tasks/" + c).status());
        assertEquals(
                "cancelled",
                server.get("/api/v1/tasks/" + c).data().get("status").asText());
        server.delete("/api/v1/tasks/" + a);
        server.delete("/api/v1/tasks/" + b);
    }

    @Test
    void cancellingAnAwaitingTaskSettlesItsApproval() {
        String id = server.manualTask("run `echo never`");
        String callId = server.awaitPendingCall(id);
        assertEquals(200, server.delete("/api/v1/tasks/" + id).status());
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertEquals("cancelled", task.get("status").asText());
        assertTrue(!task.has("pendingApprovals"));
        assertEquals(404, server.approve(id, callId, "proceed_once").status());
    }

    @Test
    void ifBusyInterruptSupersedesAPendingApprovalThenRunsTheNewMessage() {
        String id = server.manualTask("run `echo never`");
        String callId = server.awaitPendingCall(id);
        TestServer.Reply r = server.postJson(
                "/api/v1/tasks/" + id + "/messages", "{\"message\":\"What is 3+4?\",\"ifBusy\":\"interrupt\"}");
        assertEquals(202, r.status(), r.body());
        server.awaitMessages(id, 4);
        JsonNode messages =
                server.get("/api/v1/tasks/" + id + "/history").data().get("messages");
        assertEquals(4, messages.size(), messages.toString());
        assertEquals(
                "cancelled",
                messages.get(1).get("toolCalls").get(0).get("status").asText());
        assertEquals(
                "Rejected: superseded by a new message",
                messages.get(1).get("toolCalls").get(0).get("output").asText());
        assertEquals("3+4 equals 7.", messages.get(3).get("content").asText());
        {
            Jdbi db = TestDatabases.jdbi(dir);
            String row = db.withHandle(h -> h.createQuery(
                            "SELECT status || ':' || reason FROM approvals WHERE task_id = ? AND call_id = ?")
                    .bind(0, id)
                    .bind(1, callId)
                    .mapTo(String.class)
                    .one());
            assertEquals("rejected:superseded", row);
        }
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
            List<String> terminals = sse.events().stream()
                    .filter(Sse.Frame::terminal)
                    .map(f -> f.event() + ":" + f.data().path("code").asText())
                    .toList();
            assertEquals(
                    List.of("error:CANCELLED", "done:"), terminals, "each run ends with exactly one terminal event");
        }
    }
}
