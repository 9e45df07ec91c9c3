package dev.agentd.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

class StreamTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_BUILTIN_DELAY_MS", "20", "AGENTD_HEARTBEAT", "100ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The exact bytes, read by a plain socket client that sends no Accept header (like curl -N). */
    @Test
    void framesAreEventThenDataThenIdAndTheServerClosesAfterTheTerminalEvent() throws IOException {
        String id = server.newTask("Hello there, agent");
        String raw;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String request = "GET /api/v1/tasks/" + id + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestServer.KEY + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertTrue(head.toLowerCase().contains("content-type: text/event-stream"), head);
        assertTrue(head.toLowerCase().contains("cache-control: no-cache"), head);
        String body = dechunk(raw.substring(raw.indexOf("\r\n\r\n") + 4), head);

        List<List<String>> blocks = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (!block.isEmpty()) blocks.add(List.of(block.split("\n", -1)));
        }
        int terminals = 0;
        boolean sawHistoryDone = false;
        for (List<String> block : blocks) {
            if (block.getFirst().startsWith(":")) {
                assertEquals(List.of(":heartbeat"), block, "a comment is a block of its own");
                continue;
            }
            assertTrue(block.get(0).startsWith("event: "), "line 0 is the event: " + block);
            assertTrue(block.get(1).startsWith("data: {"), "line 1 is the data: " + block);
            String event = block.get(0).substring(7);
            if (event.startsWith("history_")) {
                assertEquals(2, block.size(), "history frames have no id line: " + block);
                if (event.equals("history_done")) sawHistoryDone = true;
            } else {
                assertEquals(3, block.size(), "live frames have event, data and id: " + block);
                assertTrue(block.get(2).matches("id: \\d+"), block.toString());
                assertTrue(sawHistoryDone, "live events follow history_done");
            }
            if (event.equals("done") || event.equals("error")) terminals++;
        }
        assertEquals(1, terminals, "exactly one terminal event");
        List<String> last = blocks.getLast();
        assertEquals("event: done", last.get(0), "the terminal event is the last thing sent");
    }

    @Test
    void aStreamOpenedDuringTheRunCatchesUpThenFollowsLiveInSequence() {
        String id = server.newTask("Tell me something about streams, please, in many words");
        server.awaitContent(id, "You said:");
        List<Sse.Frame> frames;
        try (Sse sse = Sse.open(server, id)) {
            frames = sse.events();
        }
        assertEquals("history_message", frames.get(0).event());
        assertEquals("history_done", frames.get(1).event());
        assertTrue(frames.get(1).data().get("isStreaming").asBoolean());
        assertEquals(1, frames.get(1).data().get("messageCount").asInt());
        List<Sse.Frame> live = frames.subList(2, frames.size());
        assertEquals("status", live.getFirst().event());
        for (int i = 1; i < live.size(); i++) {
            assertEquals(live.get(i - 1).id() + 1, live.get(i).id(), "ids increase by one without gaps");
        }
        String finalResponse = live.getLast().data().get("finalResponse").asText();
        assertEquals(finalResponse, Sse.text(live), "content pieces add up to finalResponse");
        assertTrue(finalResponse.contains("Tell me something about streams"), finalResponse);
        long partials = live.stream()
                .filter(f -> f.event().equals("content"))
                .filter(f -> !f.data().get("isPartial").asBoolean())
                .count();
        assertEquals(1, partials, "one model turn, one last piece");
    }

    @Test
    void heartbeatsAreSentWhileNothingElseHappens() {
        String id = server.newTask(
                "Please say a fairly long sentence so that heartbeats have time to happen in between words");
        int comments = 0;
        try (Sse sse = Sse.open(server, id)) {
            for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                if (f.isComment()) {
                    assertEquals(List.of(":heartbeat"), f.lines());
                    comments++;
                }
            }
        }
        assertTrue(comments > 0, "no heartbeat during a slow run");
    }

    @Test
    void aFinishedTaskStreamsItsHistoryAndCloses() {
        String id = server.newTask("What is 1+1?");
        server.awaitFinished(id);
        List<Sse.Frame> frames;
        try (Sse sse = Sse.open(server, id)) {
            frames = sse.events();
        }
        assertEquals(
                List.of("history_message", "history_message", "history_done"),
                frames.stream().map(Sse.Frame::event).toList());
        assertFalse(frames.get(2).data().get("isStreaming").asBoolean());
        assertEquals("1+1 equals 2.", frames.get(1).data().get("content").asText());
    }

    @Test
    void thirtyConcurrentStreamsOfOneRunningTaskReceiveTheIdenticalSequence() throws Exception {
        String id = server.newTask("Count the words in this rather long sentence that keeps the run busy for a while, "
                + "so that every stream connects while events are still being produced");
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        AtomicInteger seenByFirst = new AtomicInteger();
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int joinAt = i; // stream i connects once the first has seen i events: spread across the run
            results.add(pool.submit(() -> {
                if (joinAt > 0) await().until(() -> seenByFirst.get() >= joinAt);
                try (Sse sse = Sse.open(server, id)) {
                    List<String> seen = new ArrayList<>();
                    for (Sse.Frame f = sse.next(); f != null; f = sse.next()) {
                        if (f.isComment() || f.event().startsWith("history_")) continue;
                        seen.add(f.id() + " " + f.event() + " " + f.data());
                        if (joinAt == 0) seenByFirst.incrementAndGet();
                    }
                    return seen;
                }
            }));
        }
        List<String> first = results.getFirst().get();
        assertTrue(first.size() > 20, "the run produced its events: " + first.size());
        assertTrue(first.getLast().contains(" done "), first.getLast());
        for (Future<List<String>> r : results) {
            assertEquals(first, r.get(), "every stream sees the same events, none lost, none twice");
        }
        pool.shutdown();
    }

    @Test
    void anotherKeyCannotSeeTheStream() {
        String id = server.newTask("What is 3+3?");
        TestServer.Reply other = server.call(new okhttp3.Request.Builder()
                .url(server.url("/api/v1/tasks/" + id + "/stream"))
                .header("X-API-Key", "sigmic_" + "f".repeat(64))
                .build());
        assertEquals(401, other.status(), "an unknown key is refused before the task is looked up");
        assertNull(null);
    }

    private static String dechunk(String body, String head) {
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) return body;
        StringBuilder out = new StringBuilder();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < bytes.length) {
            int lineEnd = indexOf(bytes, pos);
            int size = Integer.parseInt(new String(bytes, pos, lineEnd - pos, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) break;
            out.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            pos = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') return i;
        }
        return bytes.length;
    }
}
