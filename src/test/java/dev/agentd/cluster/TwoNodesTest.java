package dev.agentd.cluster;

import static org.awaitility.Awaitility.await;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes in one JVM on one PostgreSQL and one workspaces folder: each serves every task. */
@EnabledIfSystemProperty(named = "agentd.test.database", matches = "postgresql")
class TwoNodesTest {
    @TempDir
    static Path dir;

    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        Path first = dir.resolve("a");
        Map<String, String> env = Map.of(
                "AGENTD_WORKSPACES_DIR", dir.resolve("shared").toString(),
                "AGENTD_DATABASE_URL", TestDatabases.url(first),
                "AGENTD_BUILTIN_DELAY_MS", "20");
        a = TestServer.start(first, env);
        b = TestServer.start(dir.resolve("b"), env);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void aStreamOnOneNodeOfARunOnTheOtherHasEveryEventOnceAndEndsWithTheRun() {
        String id = a.newTask("run `sleep 1; echo slept`");
        List<Sse.Frame> frames;
        try (Sse sse = Sse.open(b, id)) {
            frames = sse.events();
        }
        assertEquals("done", frames.getLast().event(), "ends with the run's terminal event");
        Set<Long> ids = new HashSet<>();
        for (Sse.Frame f : frames) {
            if (f.id() >= 0) assertTrue(ids.add(f.id()), "event " + f.id() + " came once");
        }
        List<Sse.Frame> stored = Sse.replay(a, id);
        assertEquals(
                stored.stream().map(Sse.Frame::id).filter(n -> n >= 0).toList(),
                frames.stream().map(Sse.Frame::id).filter(n -> n >= 0).toList(),
                "the same events as the node that ran it stored");
    }

    @Test
    void aStreamOnTheOtherNodeCatchesUpAfterItsListeningConnectionIsCut() {
        String id = a.newTask("run `sleep 2; echo slept`");
        try (Sse sse = Sse.open(b, id)) {
            Sse.Frame f = sse.next();
            while (f.isComment() || !f.event().equals("tool_call")) f = sse.next();
            int cut = TestDatabases.jdbi(dir.resolve("a"))
                    .withHandle(h -> h.createQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                    + "WHERE datname = current_database() AND query LIKE 'LISTEN%'")
                            .mapTo(Integer.class)
                            .one());
            assertEquals(2, cut, "both nodes' listening connections");
            List<Sse.Frame> rest = sse.events();
            assertEquals("done", rest.getLast().event(), "the run's end still arrives");
        }
        List<Long> stored = Sse.replay(a, id).stream().map(Sse.Frame::id).toList();
        assertTrue(stored.size() > 2);
    }

    @Test
    void aStreamResumedOnTheOtherNodeAfterAnIdGetsWhatFollowsIt() {
        String id = a.newTask("run `sleep 1; echo slept`");
        long third;
        try (Sse sse = Sse.open(a, id)) {
            sse.next();
            sse.next();
            third = sse.next().id();
        }
        List<Sse.Frame> rest;
        try (Sse sse = Sse.open(
                b, b.request("/api/v1/tasks/" + id + "/stream?after=" + third).build())) {
            rest = sse.events();
        }
        assertTrue(rest.getFirst().id() > third, "only what follows");
        assertEquals("done", rest.getLast().event());
        List<Long> all = Sse.replay(a, id).stream().map(Sse.Frame::id).toList();
        assertEquals(
                all.subList(all.indexOf(third) + 1, all.size()),
                rest.stream().map(Sse.Frame::id).toList());
    }

    @Test
    void aFollowUpSentToTheOtherNodeRunsWithTheConversation() {
        String id = a.newTask("What is 2 + 3?");
        a.awaitFinished(id);
        TestServer.Reply r = b.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"And 4 + 4?\"}");
        assertEquals(202, r.status(), r.body());
        b.awaitMessages(id, 4);
        JsonNode messages = b.get("/api/v1/tasks/" + id + "/history").data().get("messages");
        assertTrue(messages.get(3).get("content").asText().contains("8"), messages.toString());
    }

    @Test
    void anApprovalSentToTheOtherNodeLetsTheCallRun() {
        String id = a.manualTask("run `echo approved-there`");
        String call = a.awaitPendingCall(id);
        assertEquals(call, b.awaitPendingCall(id), "the other node sees the same waiting call");
        TestServer.Reply r = b.approve(id, call, "proceed_once");
        assertEquals(200, r.status(), r.body());
        assertEquals("completed", b.awaitFinished(id).get("status").asText());
        assertTrue(b.historyToolCall(id, 1, 0).get("output").asText().contains("approved-there"));
    }

    @Test
    void aCancelSentToTheOtherNodeStopsTheCommandWithinTwoSeconds() {
        String marker = "agentd-sleep-" + UUID.randomUUID().toString().substring(0, 8);
        String id = a.newTask("run `(exec -a " + marker + " sleep 300); echo never`");
        Processes.awaitStarted(marker);
        long start = System.nanoTime();
        TestServer.Reply r = b.delete("/api/v1/tasks/" + id);
        assertEquals(200, r.status(), r.body());
        Processes.awaitGone(marker, Duration.ofSeconds(2));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "gone within 2 s");
        assertEquals(
                "cancelled", b.get("/api/v1/tasks/" + id).data().get("status").asText());
    }

    @Test
    void anIdempotencyKeySentToBothNodesAtOnceCreatesOneTask() throws Exception {
        for (int i = 0; i < 10; i++) {
            String key = "both-nodes-" + UUID.randomUUID();
            String body = "{\"message\":\"What is " + i + "+2?\"}";
            try (ExecutorService two = Executors.newFixedThreadPool(2)) {
                List<Future<TestServer.Reply>> replies = new ArrayList<>();
                for (TestServer node : List.of(a, b)) {
                    replies.add(two.submit(() -> node.call(node.request("/api/v1/tasks")
                            .header("Idempotency-Key", key)
                            .post(RequestBody.create(body, TestServer.JSON))
                            .build())));
                }
                TestServer.Reply first = replies.get(0).get();
                TestServer.Reply second = replies.get(1).get();
                assertEquals(201, first.status(), first.body());
                assertEquals(first.body(), second.body(), "the same answer, one task");
            }
        }
    }

    @Test
    void tasksCreatedOnBothNodesAreNumberedWithoutCollisionAndEachHistoryIsComplete() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) ids.add((i % 2 == 0 ? a : b).newTask("What is " + i + " + 1?"));
        for (String id : ids) {
            b.awaitFinished(id);
            List<Sse.Frame> events = Sse.replay(a, id);
            assertEquals(1, events.stream().filter(Sse.Frame::terminal).count(), "one terminal event");
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> a.get("/api/v1/tasks?limit=100")
                                .json()
                                .get("pagination")
                                .get("total")
                                .asInt()
                        >= 10);
    }
}
