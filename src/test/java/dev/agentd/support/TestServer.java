package dev.agentd.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.App;
import dev.agentd.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The production app on port 0 over a data dir of the test's, with a real HTTP client. */
public final class TestServer implements AutoCloseable {
    public static final String KEY = "sigmic_" + "0123456789abcdef".repeat(4);
    public static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final App app;
    private final Path dataDir;
    private final String startupOutput;
    public final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(60)).callTimeout(Duration.ofSeconds(120)).build();

    private TestServer(App app, Path dataDir, String startupOutput) {
        this.app = app;
        this.dataDir = dataDir;
        this.startupOutput = startupOutput;
    }

    /** Starts on {@code dataDir} with AGENTD_API_KEY set to {@link #KEY}, plus {@code env}. */
    public static TestServer start(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("AGENTD_PORT", "0");
        all.put("AGENTD_DATA_DIR", dataDir.toString());
        all.put("AGENTD_API_KEY", KEY);
        all.putAll(env);
        all.values().removeIf(v -> v == null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        App app = App.start(ConfigLoader.load(all, new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(app, dataDir, out.toString(StandardCharsets.UTF_8));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public int port() {
        return app.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String startupOutput() {
        return startupOutput;
    }

    public Request.Builder request(String path) {
        return new Request.Builder().url(url(path)).header("Authorization", "Bearer " + KEY);
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

    public Reply call(Request request) {
        try (Response r = http.newCall(request).execute()) {
            return new Reply(r.code(), r.body().string(), r.headers());
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

    /** Waits until the task leaves pending/running/awaiting, and returns it. */
    public JsonNode awaitFinished(String taskId) {
        return awaitStatus(taskId, "completed", "failed", "cancelled");
    }

    public JsonNode awaitStatus(String taskId, String... statuses) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode task = null;
        while (System.nanoTime() < deadline) {
            task = get("/api/v1/tasks/" + taskId).data();
            for (String s : statuses) {
                if (task.get("status").asText().equals(s)) return task;
            }
            sleep(10);
        }
        throw new AssertionError("task " + taskId + " did not reach " + String.join("/", statuses) + ": " + task);
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
