package dev.agentd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import dev.agentd.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalTest {
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

    /** Reads frames until an awaiting tool_call arrives, and returns its callId. */
    static String readUntilAwaiting(Sse sse, List<Sse.Frame> seen) {
        for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
            if (f.isComment()) continue;
            seen.add(f);
            if (f.event().equals("tool_call") && f.data().get("status").asText().equals("awaiting_approval")) {
                return f.data().get("callId").asText();
            }
        }
        throw new AssertionError("no awaiting tool_call in " + seen);
    }

    @Test
    void aStreamHeldOpenAcrossAnApprovalShowsTheWaitThenTheResultAndDone() {
        String id = server.manualTask("run `echo approved and ran`");
        List<Sse.Frame> seen = new ArrayList<>();
        try (Sse sse = Sse.open(server, id)) {
            String callId = readUntilAwaiting(sse, seen);
            JsonNode task = server.awaitStatus(id, "awaiting_approval");
            JsonNode pending = task.get("pendingApprovals");
            assertEquals(1, pending.size());
            assertEquals(callId, pending.get(0).get("callId").asText());
            assertEquals("run_command", pending.get(0).get("toolName").asText());
            assertEquals(
                    "echo approved and ran",
                    pending.get(0).get("args").get("command").asText());

            TestServer.Reply r = server.approve(id, callId, "proceed_once");
            assertEquals(200, r.status(), r.body());
            assertTrue(r.data().get("approved").asBoolean());
            seen.addAll(sse.events());
        }
        List<String> kinds = seen.stream()
                .filter(f -> f.event().startsWith("tool_") || f.event().equals("done"))
                .map(f -> f.event()
                        + (f.event().startsWith("tool_")
                                ? ":" + f.data().get("status").asText()
                                : ""))
                .toList();
        assertEquals(
                List.of("tool_call:awaiting_approval", "tool_call:executing", "tool_result:success", "done"), kinds);
        assertTrue(seen.getLast().data().get("finalResponse").asText().contains("approved and ran"));
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        assertEquals("completed", task.get("status").asText());
        assertFalse(task.has("pendingApprovals"));
    }

    @Test
    void proceedAlwaysCoversTheSameToolForTheRestOfTheSession() {
        String id = server.manualTask("run `echo first`");
        try (Sse sse = Sse.open(server, id)) {
            assertEquals(
                    200,
                    server.approve(id, readUntilAwaiting(sse, new ArrayList<>()), "proceed_always")
                            .status());
        }
        server.awaitFinished(id);
        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"run `echo second`\"}");
        JsonNode second = server.awaitFinished(id);
        assertEquals("completed", second.get("status").asText(), "run_command needs no approval any more");
        assertTrue(second.get("output").get("content").asText().contains("second"));

        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"list files\"}");
        JsonNode third = server.awaitStatus(id, "awaiting_approval");
        assertEquals(
                "list_files",
                third.get("pendingApprovals").get(0).get("toolName").asText(),
                "another tool still asks");
        server.approve(id, third.get("pendingApprovals").get(0).get("callId").asText(), "proceed_once");
        assertEquals("completed", server.awaitFinished(id).get("status").asText());
    }

    @Test
    void cancelTellsTheModelTheUserDeclinedAndTheRunGoesOn() {
        String id = server.manualTask("run `touch should-not-exist`");
        String callId = server.awaitPendingCall(id);
        TestServer.Reply r = server.approve(id, callId, "cancel");
        assertEquals(200, r.status());
        assertFalse(r.data().get("approved").asBoolean());
        JsonNode task = server.awaitFinished(id);
        assertEquals("completed", task.get("status").asText());
        assertTrue(task.get("output").get("content").asText().contains("declined"), task.toString());
        JsonNode call = task.get("output").get("toolCalls").get(0);
        assertEquals("cancelled", call.get("status").asText());
        assertFalse(Files.exists(
                dir.resolve("workspaces").resolve(Workspaces.layout(id)).resolve("should-not-exist")));
    }

    @Test
    void unknownOrSettledCallsAreNotFoundAndABadOutcomeIsAValidationError() {
        String id = server.manualTask("run `echo x`");
        String callId = server.awaitPendingCall(id);
        TestServer.Reply bad = server.approve(id, callId, "maybe");
        assertEquals(400, bad.status());
        assertEquals("VALIDATION_ERROR", bad.errorCode());
        assertEquals(
                400,
                server.postJson("/api/v1/tasks/" + id + "/tools/" + callId + "/approve", "{}")
                        .status());
        assertEquals(404, server.approve(id, "call_unknown", "proceed_once").status());
        assertEquals(
                404,
                server.approve("00000000-0000-0000-0000-000000000000", callId, "proceed_once")
                        .status());
        assertEquals(200, server.approve(id, callId, "proceed_once").status());
        TestServer.Reply again = server.approve(id, callId, "proceed_once");
        assertEquals(404, again.status());
        assertEquals("NOT_FOUND", again.errorCode());
        server.awaitFinished(id);
    }

    @Test
    void aReconnectingStreamShowsTheAwaitingCallInItsCatchUp() {
        String id = server.manualTask("run `echo later`");
        String callId;
        try (Sse sse = Sse.open(server, id)) {
            callId = readUntilAwaiting(sse, new ArrayList<>());
        }
        try (Sse again = Sse.open(server, id)) {
            List<Sse.Frame> seen = new ArrayList<>();
            assertEquals(callId, readUntilAwaiting(again, seen), "the catch-up holds the awaiting tool_call");
            assertTrue(seen.stream()
                    .anyMatch(f -> f.event().equals("history_done")
                            && f.data().get("isStreaming").asBoolean()));
            server.approve(id, callId, "proceed_once");
            List<Sse.Frame> rest = again.events();
            assertEquals("done", rest.getLast().event());
        }
    }
}
