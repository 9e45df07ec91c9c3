package dev.agentd.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.support.Processes;
import dev.agentd.support.Sse;
import dev.agentd.support.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real agentd processes on one PostgreSQL and one workspaces folder, as a deployment behind a load
 * balancer runs them: any node answers for any task, and a node killed with SIGKILL leaves its
 * tasks to the others.
 */
class NodesIT {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final List<JarProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(JarProcess::close);
    }

    /** Starts {@code count} nodes on a fresh database, with {@code env} on top of what they share. */
    private List<ApiClient> start(int count, Map<String, String> env) {
        Map<String, String> shared = new HashMap<>(env);
        shared.put("AGENTD_DATABASE_URL", TestDatabases.postgresUrl(dir));
        shared.put("AGENTD_WORKSPACES_DIR", dir.resolve("workspaces").toString());
        shared.put("AGENTD_NODE_TIMEOUT", NODE_TIMEOUT.toSeconds() + "s");
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JarProcess node = JarProcess.start(dir.resolve("node-" + i), shared);
            nodes.add(node);
            clients.add(node.client());
        }
        return clients;
    }

    @Test
    void whenTheNodeOfAStreamedRunIsKilledAnotherEndsItOnceAsInterruptedAndRunsWhatWaitedInOrder() {
        List<ApiClient> api = start(2, Map.of("AGENTD_BUILTIN_DELAY_MS", "100", "AGENTD_MAX_CONCURRENT_RUNS", "1"));
        ApiClient a = api.get(0);
        ApiClient b = api.get(1);
        String streamed =
                a.newTask("Please stream a long answer so that the kill happens in the middle of it, word by word");
        List<Sse.Frame> seen = new ArrayList<>();
        try (Sse sse = Sse.open(b, streamed)) {
            for (Sse.Frame f = sse.next(); content(seen) < 5; f = sse.next()) {
                if (!f.isComment() && !f.event().startsWith("history")) seen.add(f);
            }
            String pending = a.newTask("What is 6+1?");
            assertEquals(
                    "pending",
                    b.get("/api/v1/tasks/" + pending).data().get("status").asText());
            assertEquals(
                    202,
                    b.postJson("/api/v1/tasks/" + streamed + "/messages", "{\"message\":\"What is 2+3?\"}")
                            .status());
            nodes.get(0).kill();
            seen.addAll(sse.events());

            assertEquals("error", seen.getLast().event(), "the stream on the node left ends with the cut run");
            assertEquals("INTERRUPTED", seen.getLast().data().get("code").asText());
            assertEquals(1, seen.stream().filter(Sse.Frame::terminal).count());
            b.awaitMessages(streamed, 4);
            JsonNode history =
                    b.get("/api/v1/tasks/" + streamed + "/history").data().get("messages");
            assertEquals("2+3 equals 5.", history.get(3).get("content").asText(), "the queued follow-up ran");
            assertEquals(
                    "6+1 equals 7.",
                    b.awaitFinished(pending).get("output").get("content").asText(),
                    "the pending task ran");
        }
        List<Sse.Frame> all = Sse.replay(b, streamed);
        assertEquals(2, all.stream().filter(Sse.Frame::terminal).count(), "one end for each of the two runs");
    }

    @Test
    void anApprovalWaitingOnAKilledNodeIsGivenOnAnotherAndTheRunFinishesThere() {
        List<ApiClient> api = start(2, Map.of());
        ApiClient a = api.get(0);
        ApiClient b = api.get(1);
        String task = a.manualTask("run `echo approved after the kill`");
        String call = a.awaitPendingCall(task);
        nodes.get(0).kill();
        assertEquals(call, b.awaitPendingCall(task), "the waiting call is there on the other node");
        ApiClient.Reply approved = b.approve(task, call, "proceed_once");
        assertEquals(200, approved.status(), approved.body());
        JsonNode done = b.awaitFinished(task);
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertTrue(b.historyToolCall(task, 1, 0).get("output").asText().contains("approved after the kill"));
    }

    @Test
    void followUpsApprovalsAndCancelsSentToAnyNodeReachTheRunWhereItExecutes() {
        List<ApiClient> api = start(2, Map.of("AGENTD_BUILTIN_DELAY_MS", "20"));
        ApiClient a = api.get(0);
        ApiClient b = api.get(1);

        String manual = a.manualTask("run `echo from the other node`");
        assertEquals(
                200,
                b.approve(manual, a.awaitPendingCall(manual), "proceed_once").status());
        assertEquals("completed", b.awaitFinished(manual).get("status").asText());
        assertEquals(
                202,
                b.postJson("/api/v1/tasks/" + manual + "/messages", "{\"message\":\"What is 4+4?\"}")
                        .status());
        b.awaitMessages(manual, 4);
        assertEquals(
                "4+4 equals 8.",
                a.get("/api/v1/tasks/" + manual + "/history")
                        .data()
                        .get("messages")
                        .get(3)
                        .get("content")
                        .asText());

        String marker = "agentd-sleep-" + UUID.randomUUID().toString().substring(0, 8);
        String sleeping = a.newTask("run `(exec -a " + marker + " sleep 300); echo never`");
        Processes.awaitStarted(marker);
        long start = System.nanoTime();
        assertEquals(200, b.delete("/api/v1/tasks/" + sleeping).status());
        Processes.awaitGone(marker, Duration.ofSeconds(2));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "the command stops within 2 s");
        assertEquals("cancelled", a.awaitFinished(sleeping).get("status").asText());
    }

    @Test
    void twoHundredTasksSpreadOverThreeNodesEachEndOnceWithTheirWholeHistory() throws Exception {
        List<ApiClient> api = start(3, Map.of());
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ApiClient node = api.get(i % 3);
                int n = i;
                made.add(pool.submit(() -> node.newTask("What is " + n + "+1?")));
            }
            for (Future<String> f : made) ids.add(f.get());
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.getFirst()
                                .get("/api/v1/tasks?status=completed&limit=1")
                                .json()
                                .get("pagination")
                                .get("total")
                                .asInt()
                        == 200);
        for (int i = 0; i < ids.size(); i++) {
            ApiClient reader = api.get((i + 1) % 3);
            List<Sse.Frame> events = Sse.replay(reader, ids.get(i));
            assertEquals(1, events.stream().filter(Sse.Frame::terminal).count(), "one end for task " + i);
            assertEquals("done", events.getLast().event());
            for (int e = 1; e < events.size(); e++) {
                assertTrue(events.get(e).id() > events.get(e - 1).id(), "in order, none twice");
            }
            JsonNode messages = reader.get("/api/v1/tasks/" + ids.get(i) + "/history")
                    .data()
                    .get("messages");
            assertEquals(2, messages.size());
            assertEquals(
                    i + "+1 equals " + (i + 1) + ".",
                    messages.get(1).get("content").asText());
        }
    }

    private static long content(List<Sse.Frame> frames) {
        return frames.stream().filter(f -> f.event().equals("content")).count();
    }
}
