package dev.agentd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import dev.agentd.support.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics, read with Prometheus's own text-format parser (python3-prometheus-client), moves as runs happen. */
class MetricsTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Prints each sample as one JSON line: {"name":…, "labels":{…}, "value":…}. */
    static final String PARSER = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    print(json.dumps({"name": s.name, "labels": s.labels, "value": s.value}))
            """;

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aScrapeIsPrometheusTextWithTheJvmAndJettyAmongIt() {
        ApiClient.Reply r =
                server.call(new Request.Builder().url(server.url("/metrics")).build());
        assertEquals(200, r.status());
        assertTrue(
                r.headers().get("Content-Type").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        Samples s = Samples.parse(r.body());
        assertTrue(s.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(s.value("jetty_threads", Map.of()) > 0);
        assertTrue(s.has("process_cpu_seconds_total"));
    }

    @Test
    void runsModelCallsToolCallsEventsAndRequestsAreCountedAsTheyHappen() {
        Samples before = scrape();
        String id = server.newTask("use write_file with {\"path\":\"a.txt\",\"content\":\"hi\"}");
        server.awaitFinished(id);
        server.get("/api/v1/tasks/" + id);
        server.get("/api/v1/tasks/" + id + "/stream");
        Samples after = scrape();

        assertEquals(1, after.delta(before, "agentd_runs_started_total", Map.of()));
        assertEquals(1, after.delta(before, "agentd_runs_ended_total", Map.of("outcome", "completed")));
        assertEquals(1, after.delta(before, "agentd_run_duration_seconds_count", Map.of("outcome", "completed")));
        assertTrue(
                after.delta(before, "agentd_model_calls_total", Map.of("provider", "builtin", "outcome", "ok")) >= 2);
        assertEquals(
                1, after.delta(before, "agentd_tool_calls_total", Map.of("tool", "write_file", "status", "success")));
        assertEquals(1, after.delta(before, "agentd_tool_call_duration_seconds_count", Map.of("tool", "write_file")));
        assertTrue(after.delta(before, "agentd_events_written_total", Map.of()) >= 4);
        assertTrue(after.delta(before, "agentd_event_commit_duration_seconds_count", Map.of()) >= 1);
        assertTrue(after.delta(before, "agentd_event_batch_size_count", Map.of()) >= 1);

        // by route template, never by the task's own path
        Map<String, String> get = Map.of("method", "GET", "route", "/api/v1/tasks/{id}", "status", "200");
        assertTrue(after.delta(before, "agentd_http_requests_total", get) >= 1);
        assertTrue(after.delta(before, "agentd_http_request_duration_seconds_count", get) >= 1);
        Map<String, String> stream = Map.of("method", "GET", "route", "/api/v1/tasks/{id}/stream", "status", "200");
        assertEquals(1, after.delta(before, "agentd_http_requests_total", stream));
        assertFalse(after.has("agentd_http_request_duration_seconds_count", stream), "streams are not timed");
        assertFalse(after.text.contains(id), "no task id in any label");
        Map<String, String> created = Map.of("method", "POST", "route", "/api/v1/tasks", "status", "201");
        assertEquals(1, after.delta(before, "agentd_http_requests_total", created));
    }

    @Test
    void unknownPathsAreOneSeriesAndUnknownToolsAreNotLabels() {
        server.get("/api/v1/nothing/" + System.nanoTime());
        String id = server.newTask("use made_up_tool with {}");
        server.awaitFinished(id);
        Samples s = scrape();
        assertTrue(s.value("agentd_http_requests_total", Map.of("method", "GET", "route", "unmatched", "status", "404"))
                >= 1);
        assertFalse(s.text.contains("made_up_tool"));
        assertTrue(s.value("agentd_tool_calls_total", Map.of("tool", "unknown", "status", "error")) >= 1);
    }

    @Test
    void uploadsAndTheEntriesOfZipsAreCounted() throws IOException {
        Samples before = scrape();
        byte[] zip = Zips.of().file("one.txt", "1").file("two/three.txt", "3").bytes();
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", "hello")
                .addFormDataPart("files", "plain.txt", RequestBody.create("x", MediaType.get("text/plain")))
                .addFormDataPart("files", "pack.zip", RequestBody.create(zip, MediaType.get("application/zip")))
                .build();
        ApiClient.Reply r =
                server.call(server.request("/api/v1/tasks").post(body).build());
        assertEquals(201, r.status(), r.body());
        server.awaitFinished(r.data().get("id").asText());
        Samples after = scrape();
        assertEquals(3, after.delta(before, "agentd_uploaded_files_total", Map.of()));
        assertEquals(2, after.delta(before, "agentd_zip_entries_total", Map.of()));
    }

    @Test
    void activeAndQueuedRunsAndOpenStreamsAreGauges() {
        Samples s = scrape();
        assertEquals(0, s.value("agentd_runs_active", Map.of()));
        assertEquals(0, s.value("agentd_runs_queued", Map.of()));
        assertEquals(0, s.value("agentd_streams_open", Map.of()));
    }

    @Test
    void metricsCanBeTurnedOffOrServedOnAPortOfTheirOwnBehindAToken(@TempDir Path other) throws IOException {
        try (TestServer off = TestServer.start(other.resolve("off"), Map.of("AGENTD_METRICS", "false"))) {
            ApiClient.Reply r =
                    off.call(new Request.Builder().url(off.url("/metrics")).build());
            assertEquals(404, r.status());
            assertEquals("NOT_FOUND", r.errorCode());
        }
        Map<String, String> env = new HashMap<>();
        env.put("AGENTD_METRICS_PORT", "0");
        env.put("AGENTD_METRICS_TOKEN", "scrape-token-1234");
        try (TestServer apart = TestServer.start(other.resolve("apart"), env)) {
            assertEquals(
                    404,
                    apart.call(new Request.Builder().url(apart.url("/metrics")).build())
                            .status());
            int port = apart.metricsPort();
            assertTrue(port != apart.port());
            String url = "http://localhost:" + port + "/metrics";
            ApiClient.Reply none = apart.call(new Request.Builder().url(url).build());
            assertEquals(401, none.status());
            assertEquals("AUTH_REQUIRED", none.errorCode());
            ApiClient.Reply wrong = apart.call(new Request.Builder()
                    .url(url)
                    .header("Authorization", "Bearer nope")
                    .build());
            assertEquals("INVALID_TOKEN", wrong.errorCode());
            ApiClient.Reply right = apart.call(new Request.Builder()
                    .url(url)
                    .header("Authorization", "Bearer scrape-token-1234")
                    .build());
            assertEquals(200, right.status());
            assertTrue(Samples.parse(right.body()).has("agentd_runs_started_total"));
            // the metrics port serves nothing else (asked directly: it is not the API the description is of)
            try (var health = apart.http
                    .newCall(new Request.Builder()
                            .url("http://localhost:" + port + "/health")
                            .build())
                    .execute()) {
                assertEquals(404, health.code());
            }
        }
    }

    static Samples scrape() {
        return Samples.parse(
                server.call(new Request.Builder().url(server.url("/metrics")).build())
                        .body());
    }

    /** The samples of one scrape, as Prometheus's parser read them. */
    record Samples(String text, java.util.List<JsonNode> all) {
        static Samples parse(String text) {
            assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
            try {
                Process p = new ProcessBuilder(PYTHON.toString(), "-c", PARSER).start();
                p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assumeTrue(
                        !err.contains("No module named 'prometheus_client'"), "python3-prometheus-client is missing");
                assertEquals(0, p.exitValue(), "the parser refused the scrape: " + err);
                ObjectMapper json = new ObjectMapper();
                java.util.List<JsonNode> samples = new java.util.ArrayList<>();
                for (String line : out.split("\n")) if (!line.isBlank()) samples.add(json.readTree(line));
                return new Samples(text, samples);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        boolean has(String name) {
            return all.stream().anyMatch(s -> s.get("name").asText().equals(name));
        }

        boolean has(String name, Map<String, String> labels) {
            return all.stream().anyMatch(s -> matches(s, name, labels));
        }

        /** The value of the one sample {@code name} whose labels include {@code labels}; 0 when there is none. */
        double value(String name, Map<String, String> labels) {
            return all.stream()
                    .filter(s -> matches(s, name, labels))
                    .mapToDouble(s -> s.get("value").asDouble())
                    .sum();
        }

        double delta(Samples before, String name, Map<String, String> labels) {
            return value(name, labels) - before.value(name, labels);
        }

        private static boolean matches(JsonNode s, String name, Map<String, String> labels) {
            if (!s.get("name").asText().equals(name)) return false;
            for (var e : labels.entrySet())
                if (!e.getValue().equals(s.get("labels").path(e.getKey()).asText(null))) return false;
            return true;
        }
    }
}
