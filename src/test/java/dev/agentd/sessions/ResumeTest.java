package dev.agentd.sessions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "10"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String LONG =
            "Please answer with a long reply so that there is plenty to stream, resume and compare, word by word";

    @Test
    void aDroppedStreamResumedWithLastEventIdGetsExactlyTheRest() {
        String id = server.newTask(LONG);
        List<Sse.Frame> first = new ArrayList<>();
        try (Sse sse = Sse.open(server, id)) {
            for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                if (f.isComment() || f.event().startsWith("history")) continue;
                first.add(f);
                if (first.size() == 6) break;
            }
        }
        long last = first.getLast().id();
        List<Sse.Frame> rest;
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream")
                        .header("Last-Event-ID", String.valueOf(last))
                        .build())) {
            rest = sse.events();
        }
        assertTrue(rest.stream().noneMatch(f -> f.event().startsWith("history")), "a resume skips the history replay");
        assertEquals(last + 1, rest.getFirst().id(), "nothing lost");
        List<Sse.Frame> all = new ArrayList<>(first);
        all.addAll(rest);
        for (int i = 1; i < all.size(); i++)
            assertEquals(all.get(i - 1).id() + 1, all.get(i).id(), "nothing twice, no gap");
        assertEquals(
                rest.getLast().data().get("finalResponse").asText(),
                Sse.text(all),
                "the content pieces of both parts add up to finalResponse");
    }

    @Test
    void resumesDuringTheRunAgreeWithOneUninterruptedStream() throws Exception {
        String id = server.newTask(LONG + " " + LONG);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        AtomicInteger seenByWhole = new AtomicInteger();
        Future<List<String>> whole = pool.submit(() -> {
            try (Sse sse = Sse.open(
                    server,
                    server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                List<String> seen = new ArrayList<>();
                for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                    if (f.isComment()) continue;
                    seen.add(f.id() + f.event() + f.data());
                    seenByWhole.incrementAndGet();
                }
                return seen;
            }
        });
        List<Future<List<String>>> resumed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long after = i * 2L;
            int joinAt = 3 * i; // resume i connects once the whole stream has seen 3i events
            resumed.add(pool.submit(() -> {
                await().until(() -> seenByWhole.get() >= joinAt);
                try (Sse sse = Sse.open(
                        server,
                        server.request("/api/v1/tasks/" + id + "/stream?after=" + after)
                                .build())) {
                    return sse.events().stream()
                            .map(f -> f.id() + f.event() + f.data())
                            .toList();
                }
            }));
        }
        List<String> expected = whole.get();
        for (int i = 0; i < resumed.size(); i++) {
            List<String> got = resumed.get(i).get();
            assertEquals(expected.subList(expected.size() - got.size(), expected.size()), got);
            assertEquals(expected.size() - 2 * i, got.size(), "resume after " + (2 * i) + " gets every later event");
        }
        pool.shutdown();
    }

    @Test
    void aResumeWithNothingNewOnAFinishedTaskIsNoContent() {
        String id = server.newTask("What is 5+5?");
        server.awaitFinished(id);
        long last;
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
            last = sse.events().getLast().id();
        }
        TestServer.Reply r = server.call(server.request("/api/v1/tasks/" + id + "/stream")
                .header("Last-Event-ID", String.valueOf(last))
                .build());
        assertEquals(204, r.status());
        assertEquals(
                204, server.get("/api/v1/tasks/" + id + "/stream?after=" + last).status());
    }

    @Test
    void aResumeAtOrBeyondTheEndOfABusyRunClosesWhenTheRunEnds() {
        String id = server.newTask(LONG);
        long last;
        try (Sse sse = Sse.open(server, id)) {
            Sse.Frame f = sse.next();
            while (f.isComment() || f.id() < 0) f = sse.next();
            last = f.id();
        }
        long beyond = last + 10_000;
        try (Sse header = Sse.open(
                        server,
                        server.request("/api/v1/tasks/" + id + "/stream")
                                .header("Last-Event-ID", String.valueOf(beyond))
                                .build());
                Sse query = Sse.open(
                        server,
                        server.request("/api/v1/tasks/" + id + "/stream?after=999999999")
                                .build())) {
            assertEquals(200, header.response.code(), "the run is still going");
            assertEquals(200, query.response.code(), "the run is still going");
            // each ends when the run does, with nothing at or before its resume point
            assertEquals(List.of(), header.events());
            assertEquals(List.of(), query.events());
        }
        assertEquals("completed", server.awaitFinished(id).get("status").asText());
    }
}
