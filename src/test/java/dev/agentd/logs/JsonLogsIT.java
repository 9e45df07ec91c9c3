package dev.agentd.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.support.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AGENTD_LOG_FORMAT=json: the real jar's log is one JSON object per line, and never holds a secret. */
class JsonLogsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLogLineIsAJsonObjectWithItsIdsAndNoSecretIsInAny() throws Exception {
        String webhookSecret = WebhookReceiver.secret();
        String metricsToken = "metrics-token-7f3a9c";
        String openaiKey = "sk-never-logged-41b2";
        String taskSecret = "task-secret-9d8e7f";
        String wrongKey = "sigmic_" + "f".repeat(64);
        List<String> lines;
        String taskId;
        try (WebhookReceiver receiver = WebhookReceiver.start();
                JarProcess server = JarProcess.start(
                        Files.createDirectories(dir.resolve("data")),
                        Map.of(
                                "AGENTD_LOG_FORMAT", "json",
                                "AGENTD_WEBHOOK_SECRET", webhookSecret,
                                "AGENTD_WEBHOOK_ALLOW_PRIVATE", "true",
                                "AGENTD_METRICS_TOKEN", metricsToken,
                                "OPENAI_API_KEY", openaiKey))) {
            ApiClient api = server.client();
            taskId = api.createTask(ApiClient.jsonOf(Map.of(
                    "message", "run `echo $DEPLOY_TOKEN`",
                    "secrets", Map.of("DEPLOY_TOKEN", taskSecret),
                    "webhookUrl", receiver.url("/logs"))));
            api.awaitFinished(taskId);
            assertEquals(401, api.as(wrongKey).get("/api/v1/tasks").status());
            assertEquals(404, api.get("/api/v1/tasks/" + taskId + "/nothing").status());
            api.call(new Request.Builder()
                    .url(api.url("/metrics"))
                    .header("Authorization", "Bearer " + metricsToken)
                    .build());
            org.awaitility.Awaitility.await().until(() -> !receiver.of(taskId).isEmpty());
            // the delivery is recorded, and logged, once the receiver has answered
            org.awaitility.Awaitility.await().until(() -> server.output().contains(" delivered (attempt 1)"));
            server.terminate();
            lines = List.of(server.output().split("\n"));
        }

        List<JsonNode> logged = new ArrayList<>();
        for (String line : lines) {
            for (String secret : List.of(ApiClient.KEY, wrongKey, webhookSecret, metricsToken, openaiKey, taskSecret))
                assertFalse(line.contains(secret), "a secret in the log: " + line);
            if (!line.startsWith("{")) continue; // the start-up facts on stdout
            JsonNode l = JSON.readTree(line);
            assertTrue(l.isObject(), line);
            assertTrue(l.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line);
            assertTrue(List.of("INFO", "WARN", "ERROR").contains(l.get("level").asText()), line);
            assertTrue(l.hasNonNull("message"), line);
            logged.add(l);
        }
        assertTrue(logged.size() > 5, "lines: " + lines);

        JsonNode created = logged.stream()
                .filter(l -> "/api/v1/tasks".equals(l.path("route").asText())
                        && "POST".equals(l.path("method").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no access line of the create: " + lines));
        assertEquals(201, created.get("status").asInt());
        assertTrue(created.get("ms").isIntegralNumber());
        assertTrue(created.get("requestId").asText().matches("[0-9a-f]{16}"), created.toString());

        JsonNode unmatched = logged.stream()
                .filter(l -> l.path("status").asInt() == 404)
                .findFirst()
                .orElseThrow();
        assertEquals("-", unmatched.get("route").asText());

        JsonNode ended = logged.stream()
                .filter(l -> l.path("message").asText().contains("ended: completed"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no end of the run: " + lines));
        assertEquals(taskId, ended.get("taskId").asText());
        assertEquals("1", ended.get("runId").asText());
        assertTrue(logged.stream()
                .anyMatch(l -> l.path("message").asText().contains("delivered")
                        && l.path("logger").asText().endsWith("WebhookSender")));
    }
}
