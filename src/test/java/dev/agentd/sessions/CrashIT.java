package dev.agentd.sessions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.support.Sse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar killed with SIGKILL, then started again on the same data dir. */
class CrashIT {
    @TempDir
    Path dir;

    @Test
    void aKilledServerEndsTheStreamedRunAsInterruptedAndKeepsTheApprovalWaiting() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String streamed;
        String awaiting;
        String pending;
        String callId;
        JsonNode approvalsBefore;
        List<Sse.Frame> seenBeforeKill = new ArrayList<>();
        String commanding;
        try (JarProcess first = JarProcess.start(
                data,
                Map.of(
                        "AGENTD_BUILTIN_DELAY_MS",
                        "100",
                        "AGENTD_MAX_CONCURRENT_RUNS",
                        "2",
                        "AGENTD_MAX_CONCURRENT_RUNS_PER_KEY",
                        "2"))) {
            ApiClient api = first.client();
            awaiting = api.manualTask("run `echo survived the crash`");
            commanding = api.newTask("run `sleep 60`");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !api.get("/api/v1/tasks/" + commanding)
                            .data()
                            .get("output")
                            .path("toolCalls")
                            .isEmpty());
            callId = api.awaitPendingCall(awaiting);
            approvalsBefore = api.get("/api/v1/tasks/" + awaiting).data().get("pendingApprovals");
            streamed = api.newTask(
                    "Please stream a long answer so that the crash happens in the middle of it, word by word");
            try (Sse sse = Sse.open(api, streamed)) {
                for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                    if (f.isComment() || f.event().startsWith("history")) continue;
                    seenBeforeKill.add(f);
                    if (seenBeforeKill.stream()
                                    .filter(e -> e.event().equals("content"))
                                    .count()
                            == 5) break;
                }
                pending = api.newTask("What is 6+1?");
                assertEquals(
                        "pending",
                        api.get("/api/v1/tasks/" + pending).data().get("status").asText(),
                        "both run slots are taken (a run waiting for approval holds none)");
                api.postJson("/api/v1/tasks/" + streamed + "/messages", "{\"message\":\"What is 2+3?\"}");
                for (int more = 0; more < 2; ) { // the run streams on with the follow-up queued
                    Sse.Frame f = sse.next();
                    if (!f.isComment() && f.event().equals("content")) more++;
                }
                first.kill();
            }
        }
        try (JarProcess second = JarProcess.start(data, Map.of("AGENTD_MAX_CONCURRENT_RUNS", "1"))) {
            ApiClient api = second.client();
            // the run that was executing a command: failed, the call recorded as an error
            JsonNode cut = api.get("/api/v1/tasks/" + commanding).data();
            assertEquals("failed", cut.get("status").asText(), cut.toString());
            assertEquals("INTERRUPTED", cut.get("errorCode").asText());
            JsonNode call = cut.get("output").get("toolCalls").get(0);
            assertEquals("error", call.get("status").asText());
            assertEquals("Error: interrupted by restart", call.get("output").asText());
            // the run that was streaming: failed with one INTERRUPTED terminal, its partial text kept
            try (Sse sse = Sse.open(
                    api,
                    api.request("/api/v1/tasks/" + streamed + "/stream?after=0").build())) {
                List<Sse.Frame> events = sse.events();
                List<Sse.Frame> firstRun = events.stream()
                        .filter(e -> e.id() <= lastOfFirstRun(events))
                        .toList();
                assertEquals(1, firstRun.stream().filter(Sse.Frame::terminal).count());
                assertEquals(
                        "INTERRUPTED", firstRun.getLast().data().get("code").asText());
                assertTrue(
                        Sse.text(firstRun).startsWith(Sse.text(seenBeforeKill).strip()), "what was streamed is kept");
            }
            JsonNode history =
                    api.get("/api/v1/tasks/" + streamed + "/history").data().get("messages");
            assertTrue(history.get(1).get("content").asText().startsWith("You said:"), history.toString());

            // the queued follow-up and the pending task start, in order
            api.awaitMessages(streamed, 4);
            history = api.get("/api/v1/tasks/" + streamed + "/history").data().get("messages");
            assertEquals("2+3 equals 5.", history.get(3).get("content").asText());
            assertEquals(
                    "6+1 equals 7.",
                    api.awaitFinished(pending).get("output").get("content").asText());

            // the approval wait: still awaiting, the same pending approval, and approving continues the run
            JsonNode task = api.get("/api/v1/tasks/" + awaiting).data();
            assertEquals("awaiting_approval", task.get("status").asText());
            assertEquals(approvalsBefore, task.get("pendingApprovals"));
            try (Sse sse = Sse.open(api, awaiting)) {
                List<Sse.Frame> frames = new ArrayList<>();
                for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                    if (f.isComment()) continue;
                    frames.add(f);
                    if (f.event().equals("tool_call")) break;
                }
                assertEquals(
                        "awaiting_approval",
                        frames.getLast().data().get("status").asText(),
                        "the catch-up after the restart shows the waiting call");
                assertEquals(200, api.approve(awaiting, callId, "proceed_once").status());
                List<Sse.Frame> rest = sse.events();
                assertEquals("done", rest.getLast().event());
                assertTrue(rest.getLast().data().get("finalResponse").asText().contains("survived the crash"));
            }
            assertEquals(
                    "completed",
                    api.get("/api/v1/tasks/" + awaiting).data().get("status").asText());
            for (JsonNode t : api.get("/api/v1/tasks").data()) {
                assertTrue(!t.get("status").asText().equals("running"), "no task stays running: " + t);
            }
        }
    }

    private static long lastOfFirstRun(List<Sse.Frame> events) {
        return events.stream()
                .filter(Sse.Frame::terminal)
                .findFirst()
                .orElseThrow()
                .id();
    }
}
