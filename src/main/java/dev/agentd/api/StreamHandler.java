package dev.agentd.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.Event;
import dev.agentd.domain.Message;
import dev.agentd.domain.Task;
import dev.agentd.errors.ApiException;
import dev.agentd.events.EventHub;
import dev.agentd.events.Subscription;
import dev.agentd.tasks.TaskReads;
import dev.agentd.tasks.TaskService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * GET /tasks/{id}/stream (task-api.md §9): history replay, history_done, the current run so far,
 * then live events until the run's terminal event, on the request's own (virtual) thread.
 */
final class StreamHandler {
    private static final int HISTORY_PAGE = 500;

    private final TaskService service;
    private final TaskReads reads;
    private final EventHub hub;
    private final Duration heartbeat;
    private final ObjectMapper json;

    StreamHandler(TaskService service, TaskReads reads, EventHub hub, Duration heartbeat, ObjectMapper json) {
        this.service = service;
        this.reads = reads;
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.json = json;
    }

    void stream(Context ctx) throws IOException, InterruptedException {
        Task task = service.find(Auth.caller(ctx), ctx.pathParam("id"));
        Long after = resumePoint(ctx);
        try (Subscription sub = hub.subscribe(task.id(), after)) {
            if (after != null && sub.backlog().isEmpty() && !sub.streaming()) {
                ctx.status(204);
                return;
            }
            ctx.status(200);
            ctx.res().setContentType("text/event-stream; charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            // the response is complete (its last chunk written) before the subscription is let go,
            // so that a shutdown waiting for open streams never cuts one short
            try (OutputStream out = ctx.res().getOutputStream()) {
                send(task.id(), after, sub, new SseFrames(out));
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private void send(String taskId, Long after, Subscription sub, SseFrames frames)
            throws IOException, InterruptedException {
        if (after == null) {
            replayHistory(taskId, sub.messageCount(), frames);
            frames.event(
                    "history_done", json.writeValueAsString(new HistoryDone(sub.messageCount(), sub.streaming())), -1);
            frames.flush();
            if (!sub.streaming()) return;
        }
        // The backlog may hold whole earlier runs (on resume); the current run's terminal event can
        // only come live, since a run that has ended is no longer streaming.
        for (Event e : sub.backlog()) frames.event(e.type().wire(), e.data(), e.seq());
        frames.flush();
        if (!sub.streaming()) return;
        long nextBeat = System.nanoTime() + heartbeat.toNanos();
        while (true) {
            Event e = sub.next(Duration.ofNanos(Math.max(0, nextBeat - System.nanoTime())));
            // Everything already queued behind this event goes out with it in one flush: a burst of
            // pieces costs one write instead of one each, and no event waits for a later one.
            for (; e != null; e = sub.next(Duration.ZERO)) {
                if (e.seq() < 0) {
                    frames.flush();
                    return;
                }
                frames.event(e.type().wire(), e.data(), e.seq());
                if (e.terminal()) {
                    frames.flush();
                    return;
                }
            }
            if (System.nanoTime() - nextBeat >= 0) {
                frames.comment("heartbeat");
                nextBeat += heartbeat.toNanos();
            }
            frames.flush();
        }
    }

    private void replayHistory(String taskId, int count, SseFrames frames) throws IOException {
        for (int from = 0; from < count; from += HISTORY_PAGE) {
            List<Message> page = reads.history(taskId, from, Math.min(HISTORY_PAGE, count - from));
            for (Message m : page) {
                frames.event("history_message", json.writeValueAsString(Views.message(m)), -1);
            }
        }
    }

    record HistoryDone(int messageCount, boolean isStreaming) {}

    private static Long resumePoint(Context ctx) {
        String raw = ctx.header("Last-Event-ID");
        String name = "Last-Event-ID";
        if (raw == null || raw.isBlank()) {
            raw = ctx.queryParam("after");
            name = "after";
        }
        if (raw == null || raw.isBlank()) return null;
        try {
            long n = Long.parseLong(raw.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation(name + " must be a non-negative event id");
    }
}
