package dev.agentd.subagents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.support.Processes;
import dev.agentd.support.Sse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar killed with SIGKILL while a subagent works or waits for approval, then started again. */
class SubagentCrashIT {
    @TempDir
    Path dir;

    @Test
    void aKillDuringASubagentEndsTheRunOnceAsInterruptedWithNoSubagentLeftOpen() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String marker = "subagent-crash-" + UUID.randomUUID();
        String working;
        String waiting;
        try (JarProcess first = JarProcess.start(data, Map.of())) {
            ApiClient api = first.client();
            working = api.newTask("delegate to code-writer: run `sleep 300 # " + marker + "`");
            Processes.awaitStarted(marker);
            Path settings = Files.writeString(dir.resolve("ask.json"), "{\"toolPolicies\": {\"write_file\": \"ask\"}}");
            assertEquals(0, first.command("projects", "put", "default", settings.toString()));
            waiting = api.newTask("delegate to code-writer: write a.txt: never");
            api.awaitStatus(waiting, "awaiting_approval");
            first.kill();
        }
        Processes.awaitGone(marker, Duration.ofSeconds(5));
        try (JarProcess second = JarProcess.start(data, Map.of())) {
            ApiClient api = second.client();
            for (String id : List.of(working, waiting)) {
                JsonNode task = api.get("/api/v1/tasks/" + id).data();
                assertEquals("failed", task.get("status").asText(), task.toString());
                assertEquals("INTERRUPTED", task.get("errorCode").asText());
                assertEquals(0, task.path("pendingApprovals").size(), "nothing is left waiting: " + task);
                List<Sse.Frame> events = Sse.replay(api, id);
                events.stream()
                        .filter(f -> f.event().equals("tool_call")
                                && f.data().get("status").asText().equals("awaiting_approval"))
                        .forEach(f -> assertTrue(
                                api.approve(id, f.data().get("callId").asText(), "proceed_once")
                                                .status()
                                        >= 400,
                                "the subagent's wait ended with it"));
                assertEquals(1, events.stream().filter(Sse.Frame::terminal).count(), events.toString());
                long started = events.stream()
                        .filter(f -> f.event().equals("subagent_start"))
                        .count();
                List<Sse.Frame> ends = events.stream()
                        .filter(f -> f.event().equals("subagent_end"))
                        .toList();
                assertEquals(started, ends.size(), "every subagent that started has ended: " + events);
                assertEquals(
                        "ERROR", ends.getLast().data().get("terminateReason").asText());
                JsonNode delegate = api.historyToolCall(id, 1, 0);
                assertEquals("error", delegate.get("status").asText(), delegate.toString());
            }
            String after = api.newTask("delegate to researcher: list files");
            assertEquals("completed", api.awaitFinished(after).get("status").asText(), "and the server works on");
        }
    }
}
