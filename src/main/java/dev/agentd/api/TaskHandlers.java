package dev.agentd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.auth.Principal;
import dev.agentd.domain.Message;
import dev.agentd.domain.Task;
import dev.agentd.domain.TaskPage;
import dev.agentd.domain.TaskStatus;
import dev.agentd.domain.TaskUsage;
import dev.agentd.errors.ApiException;
import dev.agentd.tasks.FollowUp;
import dev.agentd.tasks.Idempotency;
import dev.agentd.tasks.NewTask;
import dev.agentd.tasks.TaskReads;
import dev.agentd.tasks.TaskService;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The task endpoints of task-api.md §3: parse, call one service method, write the envelope. */
final class TaskHandlers {
    private final TaskService service;
    private final TaskReads reads;
    private final Idempotency idempotency;
    private final RequestReader reader;
    private final ObjectMapper json;

    TaskHandlers(
            TaskService service, TaskReads reads, Idempotency idempotency, RequestReader reader, ObjectMapper json) {
        this.service = service;
        this.reads = reads;
        this.idempotency = idempotency;
        this.reader = reader;
        this.json = json;
    }

    void create(Context ctx) {
        Principal caller = Auth.caller(ctx);
        NewTask request = reader.newTask(ctx);
        send(ctx, idempotency.once(caller.scope(), "create", ctx.header("Idempotency-Key"), () -> {
            Task task = service.create(caller, request);
            return reply(201, new Created(task.id(), task.status().wire()));
        }));
    }

    void followUp(Context ctx) {
        Principal caller = Auth.caller(ctx);
        String taskId = ctx.pathParam("id");
        service.find(caller, taskId);
        FollowUp request = reader.followUp(ctx);
        send(
                ctx,
                idempotency.once(
                        caller.scope(),
                        "messages:" + taskId,
                        ctx.header("Idempotency-Key"),
                        () -> reply(202, new StatusData(service.followUp(caller, taskId, request)))));
    }

    void list(Context ctx) {
        int limit = intParam(ctx, "limit", 50, 1, 100);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        TaskPage page = reads.list(Auth.caller(ctx), statuses(ctx), limit, offset);
        Map<String, TaskUsage> usage = reads.usage(page.tasks());
        Map<String, Object> body = Envelope.ok(page.tasks().stream()
                .map(t -> Views.listItem(t, usage.getOrDefault(t.id(), TaskUsage.NONE)))
                .toList());
        body.put(
                "pagination",
                new Pagination(
                        page.total(), limit, offset, offset + page.tasks().size() < page.total()));
        ctx.json(body);
    }

    void get(Context ctx) {
        Task task = service.find(Auth.caller(ctx), ctx.pathParam("id"));
        ctx.json(Envelope.ok(Views.fullTask(
                task,
                reads.usage(List.of(task)).getOrDefault(task.id(), TaskUsage.NONE),
                reads.output(task.id()).orElse(null),
                reads.pendingApprovals(task.id()))));
    }

    /** DELETE: cancels; with {@code ?purge=true} [extension], deletes a finished task for good. */
    void cancel(Context ctx) {
        if ("true".equals(ctx.queryParam("purge"))) {
            service.purge(Auth.caller(ctx), ctx.pathParam("id"));
            ctx.json(Envelope.ok(new MessageData("Task deleted")));
            return;
        }
        service.cancel(Auth.caller(ctx), ctx.pathParam("id"));
        ctx.json(Envelope.ok(new MessageData("Task cancelled")));
    }

    void approve(Context ctx) {
        Principal caller = Auth.caller(ctx);
        String taskId = ctx.pathParam("id");
        service.find(caller, taskId);
        ctx.json(Envelope.ok(
                new Approved(service.approve(caller, taskId, ctx.pathParam("callId"), reader.outcome(ctx)))));
    }

    void history(Context ctx) {
        Task task = service.find(Auth.caller(ctx), ctx.pathParam("id"));
        String after = ctx.queryParam("after");
        int from = 0;
        if (after != null) {
            from = reads.indexOf(task.id(), after)
                            .orElseThrow(
                                    () -> ApiException.validation("after: no message '" + after + "' in this task"))
                    + 1;
        }
        int limit = intParam(ctx, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        List<Message> rows = reads.history(task.id(), from, limit);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskId", task.id());
        data.put("conversationId", task.conversationId());
        data.put("status", task.status());
        data.put("messages", rows.stream().map(Views::message).toList());
        ctx.json(Envelope.ok(data));
    }

    record Created(String id, String status) {}

    record StatusData(String status) {}

    record MessageData(String message) {}

    record Approved(boolean approved) {}

    record Pagination(int total, int limit, int offset, boolean hasMore) {}

    /** [extension] {@code status=running,awaiting_approval}: only tasks of these statuses. */
    private static Set<TaskStatus> statuses(Context ctx) {
        String raw = ctx.queryParam("status");
        if (raw == null || raw.isBlank()) return Set.of();
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String name : raw.split(",", -1)) {
            try {
                statuses.add(TaskStatus.fromWire(name.strip()));
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("status must be one or more of "
                        + Arrays.stream(TaskStatus.values())
                                .map(TaskStatus::wire)
                                .collect(Collectors.joining(", ")) + ", separated by commas");
            }
        }
        return statuses;
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) return fallback;
        try {
            int v = Integer.parseInt(raw.strip());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        String range = max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        throw ApiException.validation(name + " must be a whole number " + range);
    }

    private Idempotency.Reply reply(int status, Object data) {
        try {
            return new Idempotency.Reply(status, json.writeValueAsString(Envelope.ok(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Context ctx, Idempotency.Reply reply) {
        ctx.status(reply.status()).contentType("application/json").result(reply.body());
    }
}
