package dev.agentd.subagents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Processes;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delegation to subagents with the built-in model, seen on the stream, in history and in the workspace. */
class SubagentTest {
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
    void defaults() {
        server.putSettings("default", "{}");
    }

    static List<Sse.Frame> events(String id) {
        return Sse.replay(server, id);
    }

    static List<Sse.Frame> subagentEvents(List<Sse.Frame> events) {
        return events.stream().filter(f -> f.event().startsWith("subagent_")).toList();
    }

    static List<String> fields(JsonNode data) {
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aDelegationStreamsTheFourEventsWithExactlyTheirFieldsAndIsAToolCallInHistory() throws Exception {
        String id = server.newTask("delegate to code-writer: write hello.py: print('hi')");
        assertEquals("completed", server.awaitFinished(id).get("status").asText());
        assertEquals("print('hi')", Files.readString(server.workspace(id).resolve("hello.py")));

        List<Sse.Frame> all = events(id);
        List<Sse.Frame> sub = subagentEvents(all);
        assertEquals(
                List.of(
                        "subagent_start",
                        "subagent_thought",
                        "subagent_tool",
                        "subagent_tool",
                        "subagent_thought",
                        "subagent_end"),
                sub.stream().map(Sse.Frame::event).toList(),
                sub.toString());
        JsonNode start = sub.get(0).data();
        assertEquals(List.of("agentName", "displayName", "description", "objective"), fields(start));
        assertEquals("code-writer", start.get("agentName").asText());
        assertEquals("write hello.py: print('hi')", start.get("objective").asText());
        assertEquals(List.of("agentName", "text"), fields(sub.get(1).data()));
        JsonNode toolStart = sub.get(2).data();
        assertEquals(List.of("agentName", "status", "toolName"), fields(toolStart), "no output on start");
        assertEquals("start", toolStart.get("status").asText());
        assertEquals("write_file", toolStart.get("toolName").asText());
        JsonNode toolEnd = sub.get(3).data();
        assertEquals(List.of("agentName", "status", "toolName", "output"), fields(toolEnd));
        assertEquals("end", toolEnd.get("status").asText());
        JsonNode end = sub.get(5).data();
        assertEquals(List.of("agentName", "terminateReason", "result"), fields(end));
        assertEquals("GOAL", end.get("terminateReason").asText());

        List<String> order = all.stream()
                .map(Sse.Frame::event)
                .filter(e -> !e.startsWith("history"))
                .toList();
        assertTrue(order.indexOf("tool_call") < order.indexOf("subagent_start"), order.toString());
        assertTrue(order.indexOf("subagent_end") < order.indexOf("tool_result"), order.toString());
        assertEquals("done", order.getLast());
        long seq = 0;
        for (Sse.Frame f : all) {
            if (f.id() < 0) continue;
            assertTrue(f.id() > seq, "each with its seq, in order");
            seq = f.id();
        }

        JsonNode call = server.historyToolCall(id, 1, 0);
        assertEquals("delegate", call.get("toolName").asText());
        assertEquals("code-writer", call.get("args").get("agentName").asText());
        assertEquals(end.get("result").asText(), call.get("output").asText(), "the subagent's answer is the result");
    }

    @Test
    void twoDelegationsInOneTurnRunSideBySideToldApartByAgentName() {
        server.putSettings(
                "default",
                "{\"subagents\": {\"tester\": {\"description\": \"Runs checks\", " + "\"tools\": [\"run_command\"]}}}");
        String id = server.newTask("delegate to code-writer: run `sleep 1; echo one done`\n"
                + "delegate to tester: run `sleep 1; echo two done`");
        assertEquals("completed", server.awaitFinished(id).get("status").asText());
        List<Sse.Frame> sub = subagentEvents(events(id));
        List<String> starts = sub.stream()
                .filter(f -> f.event().equals("subagent_start"))
                .map(f -> f.data().get("agentName").asText())
                .sorted()
                .toList();
        assertEquals(List.of("code-writer", "tester"), starts, sub.toString());
        int secondStart = -1;
        int firstEnd = -1;
        for (int i = 0; i < sub.size(); i++) {
            if (sub.get(i).event().equals("subagent_start")) secondStart = i;
            if (sub.get(i).event().equals("subagent_end") && firstEnd < 0) firstEnd = i;
        }
        assertTrue(secondStart < firstEnd, "both started before either ended (each works a second): " + sub);
        for (Sse.Frame end :
                sub.stream().filter(f -> f.event().equals("subagent_end")).toList()) {
            String agent = end.data().get("agentName").asText();
            assertTrue(
                    end.data().get("result").asText().contains(agent.equals("tester") ? "two done" : "one done"),
                    "each one's answer under its own name: " + end.data());
        }
        JsonNode calls = server.get("/api/v1/tasks/" + id + "/history")
                .data()
                .get("messages")
                .get(1)
                .get("toolCalls");
        assertEquals(2, calls.size());
        for (JsonNode c : calls) assertEquals("success", c.get("status").asText(), c.toString());
    }

    @Test
    void aSubagentsCallThatNeedsApprovalWaitsAsAnyCallAndIsApprovedAsUsual() {
        server.putSettings("default", "{\"toolPolicies\": {\"run_command\": \"ask\"}}");
        String id = server.newTask("delegate to code-writer: run `echo approved inside`");
        JsonNode task = server.awaitStatus(id, "awaiting_approval");
        JsonNode pending = task.get("pendingApprovals").get(0);
        String callId = pending.get("callId").asText();
        assertTrue(callId.startsWith("code-writer-"), callId);
        assertEquals("run_command", pending.get("toolName").asText());
        assertEquals(200, server.approve(id, callId, "proceed_once").status());
        assertEquals("completed", server.awaitFinished(id).get("status").asText());
        List<Sse.Frame> all = events(id);
        Sse.Frame waiting = all.stream()
                .filter(f -> f.event().equals("tool_call")
                        && f.data().get("status").asText().equals("awaiting_approval"))
                .findFirst()
                .orElseThrow();
        assertEquals(callId, waiting.data().get("callId").asText());
        String toolEnd = subagentEvents(all).stream()
                .filter(f -> f.event().equals("subagent_tool")
                        && f.data().get("status").asText().equals("end"))
                .findFirst()
                .orElseThrow()
                .data()
                .get("output")
                .asText();
        assertTrue(toolEnd.contains("approved inside"), toolEnd);
    }

    @Test
    void aSubagentThatRunsOutOfTimeWhileItsCallWaitsEndsWithTimeoutAndTheRunGoesOn(@TempDir Path other) {
        try (TestServer quick = TestServer.start(other, Map.of("AGENTD_SUBAGENT_TIMEOUT", "1s"))) {
            quick.putSettings("default", "{\"toolPolicies\": {\"run_command\": \"ask\"}}");
            String id = quick.newTask("delegate to code-writer: run `echo never approved`");
            quick.awaitStatus(id, "awaiting_approval");
            JsonNode task = quick.awaitFinished(id);
            assertEquals("completed", task.get("status").asText(), "the main agent is told, and answers");
            List<Sse.Frame> sub = subagentEvents(Sse.replay(quick, id));
            assertEquals("TIMEOUT", sub.getLast().data().get("terminateReason").asText(), sub.toString());
            for (JsonNode call : task.get("output").get("toolCalls")) {
                assertTrue(call.hasNonNull("output"), "no call is left waiting: " + call);
            }
            assertEquals(0, task.path("pendingApprovals").size());
        }
    }

    @Test
    void cancelDuringASubagentEndsItAsCancelledThenTheRun() {
        String marker = "subagent-" + UUID.randomUUID();
        String id = server.newTask("delegate to code-writer: run `sleep 300 # " + marker + "`");
        Processes.awaitStarted(marker);
        assertEquals(200, server.delete("/api/v1/tasks/" + id).status());
        Processes.awaitGone(marker, Duration.ofSeconds(2));
        List<Sse.Frame> all = events(id);
        List<String> tail = all.subList(all.size() - 3, all.size()).stream()
                .map(Sse.Frame::event)
                .toList();
        assertEquals(List.of("subagent_end", "tool_result", "error"), tail, all.toString());
        assertEquals(
                "CANCELLED",
                all.get(all.size() - 3).data().get("terminateReason").asText());
        assertEquals("CANCELLED", all.getLast().data().get("code").asText());
    }

    @Test
    void aResumeInTheMiddleOfASubagentGetsExactlyTheRest() {
        String id = server.newTask("delegate to code-writer: run `sleep 1; echo resumed`");
        long last;
        try (Sse sse = Sse.open(server, id)) {
            Sse.Frame f = sse.next();
            while (f.isComment() || !f.event().equals("subagent_tool")) f = sse.next();
            last = f.id();
        }
        List<Sse.Frame> rest;
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream")
                        .header("Last-Event-ID", String.valueOf(last))
                        .build())) {
            rest = sse.events();
        }
        assertEquals(last + 1, rest.getFirst().id(), "nothing lost");
        List<Long> whole = events(id).stream()
                .map(Sse.Frame::id)
                .filter(seq -> seq > -1)
                .filter(seq -> seq > 0)
                .toList();
        assertEquals(
                whole.subList(whole.indexOf(last) + 1, whole.size()),
                rest.stream().map(Sse.Frame::id).toList(),
                "nothing twice");
        assertTrue(rest.stream().anyMatch(f -> f.event().equals("subagent_end")));
    }

    @Test
    void aDisabledSubagentIsNotOfferedAndAProjectDefinesItsOwn() {
        server.putSettings("default", """
                {"subagents": {"researcher": {"enabled": false},
                  "one-step": {"description": "Takes a single step", "tools": ["read_file"], "maxSteps": 1}}}
                """);
        String refused = server.newTask("delegate to researcher: list files");
        server.awaitFinished(refused);
        JsonNode call = server.historyToolCall(refused, 1, 0);
        assertEquals(
                "Error: no subagent named 'researcher' (there are: code-writer, one-step)",
                call.get("output").asText());

        String own = server.newTask("delegate to one-step: read notes.txt");
        server.awaitFinished(own);
        JsonNode end = subagentEvents(events(own)).getLast().data();
        assertEquals("MAX_STEPS", end.get("terminateReason").asText(), end.toString());

        server.putSettings(
                "default",
                "{\"subagents\": {\"researcher\": {\"enabled\": false}, " + "\"code-writer\": {\"enabled\": false}}}");
        String none = server.newTask("list your tools");
        assertTrue(!server.awaitFinished(none)
                .get("output")
                .get("content")
                .asText()
                .contains("delegate"));
        server.putSettings("default", "{}");
        String all = server.newTask("list your tools");
        assertTrue(
                server.awaitFinished(all).get("output").get("content").asText().contains("delegate"));
    }
}
