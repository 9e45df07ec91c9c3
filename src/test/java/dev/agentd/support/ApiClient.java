package dev.agentd.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.domain.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A real HTTP client for one agentd, with the JSON helpers tests use. */
public class ApiClient implements AutoCloseable {
    public static final String KEY = "sigmic_" + "0123456789abcdef".repeat(4);
    public static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int port;
    private final String key;
    public final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(60))
            .callTimeout(Duration.ofSeconds(120))
            .build();

    public ApiClient(int port) {
        this(port, KEY);
    }

    public ApiClient(int port, String key) {
        this.port = port;
        this.key = key;
    }

    /** A client of the same server that authenticates with {@code otherKey}. */
    public ApiClient as(String otherKey) {
        return new ApiClient(port, otherKey);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public Request.Builder request(String path) {
        return new Request.Builder().url(url(path)).header("Authorization", "Bearer " + key);
    }

    /** A response read whole: status, headers and body as text and JSON. */
    public record Reply(int status, String body, okhttp3.Headers headers) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    /** Sends {@code request}; a JSON answer must match what openapi.yaml describes for it. */
    public Reply call(Request request) {
        try (Response r = http.newCall(request).execute()) {
            Reply reply = new Reply(r.code(), r.body().string(), r.headers());
            OpenApiContract.check(
                    request.method(),
                    request.url().encodedPath(),
                    reply.status(),
                    r.header("Content-Type"),
                    reply.body());
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply get(String path) {
        return call(request(path).get().build());
    }

    public Reply postJson(String path, String json) {
        return call(request(path).post(RequestBody.create(json, JSON)).build());
    }

    public Reply delete(String path) {
        return call(request(path).delete().build());
    }

    /** Tool call {@code call} of message {@code message} of the task's history. */
    public JsonNode historyToolCall(String taskId, int message, int call) {
        return get("/api/v1/tasks/" + taskId + "/history")
                .data()
                .get("messages")
                .get(message)
                .get("toolCalls")
                .get(call);
    }

    /** Creates a task from JSON and returns its id. */
    public String createTask(String json) {
        Reply r = postJson("/api/v1/tasks", json);
        if (r.status() != 201) throw new AssertionError("create failed: " + r.status() + " " + r.body());
        return r.data().get("id").asText();
    }

    /** Creates a task with just a message. */
    public String newTask(String message) {
        return createTask(jsonOf(Map.of("message", message)));
    }

    public static String jsonOf(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a task whose tool calls wait for approval. */
    public String manualTask(String message) {
        return createTask(jsonOf(Map.of("message", message, "autoExecute", false)));
    }

    public Reply approve(String taskId, String callId, String outcome) {
        return postJson(
                "/api/v1/tasks/" + taskId + "/tools/" + callId + "/approve", "{\"outcome\":\"" + outcome + "\"}");
    }

    /** Waits for the task to await approval and returns the waiting call's id. */
    public String awaitPendingCall(String taskId) {
        return awaitStatus(taskId, "awaiting_approval")
                .get("pendingApprovals")
                .get(0)
                .get("callId")
                .asText();
    }

    /** Waits until the task leaves pending/running/awaiting, and returns it. */
    public JsonNode awaitFinished(String taskId) {
        return awaitStatus(taskId, "completed", "failed", "cancelled");
    }

    /** Waits until the task has one of {@code statuses}, and returns it. */
    public JsonNode awaitStatus(String taskId, String... statuses) {
        List<String> wanted = List.of(statuses);
        return await().alias("task " + taskId + " reaches " + String.join("/", statuses))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> get("/api/v1/tasks/" + taskId).data(),
                        task -> wanted.contains(task.get("status").asText()));
    }

    /** Waits until the answer the task's run has streamed so far contains {@code text}, and returns the task. */
    public JsonNode awaitContent(String taskId, String text) {
        return await().alias("task " + taskId + " streams " + text)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> get("/api/v1/tasks/" + taskId).data(),
                        task -> task.hasNonNull("output")
                                && task.get("output").get("content").asText().contains(text));
    }

    /** Waits until the task has at least {@code count} messages and no active run. */
    public void awaitMessages(String taskId, int count) {
        await().alias("task " + taskId + " settles with " + count + " messages")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    JsonNode task = get("/api/v1/tasks/" + taskId).data();
                    int messages = get("/api/v1/tasks/" + taskId + "/history")
                            .data()
                            .get("messages")
                            .size();
                    return messages >= count
                            && !TaskStatus.fromWire(task.get("status").asText()).busy();
                });
    }

    /** Asserts that the task's history keeps exactly {@code count} messages for a while (nothing more is run). */
    public void assertMessagesStay(String taskId, int count) {
        await().alias("task " + taskId + " keeps " + count + " messages")
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> get("/api/v1/tasks/" + taskId + "/history")
                                .data()
                                .get("messages")
                                .size(),
                        n -> n == count);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
