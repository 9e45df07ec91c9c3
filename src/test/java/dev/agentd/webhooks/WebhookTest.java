package dev.agentd.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.net.PublicAddresses;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import dev.agentd.support.WebhookReceiver;
import dev.agentd.support.WebhookReceiver.Received;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed webhook deliveries of a task's transitions, from the outbox, retried until they are taken. */
class WebhookTest {
    static final String SECRET = WebhookReceiver.secret();

    @TempDir
    static Path dir;

    static WebhookReceiver receiver;
    static TestServer server;

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        Map<String, String> env = new HashMap<>(WebhookReceiver.env(SECRET));
        env.put("AGENTD_WEBHOOK_RETRY_DELAY", "100ms");
        // a run that calls a tool fails with MAX_STEPS: one run for each way a task ends
        env.put("AGENTD_MAX_STEPS", "1");
        server = TestServer.start(dir.resolve("server"), env);
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    @Test
    void aCompletedTaskPostsOneDeliverySignedPerStandardWebhooks() {
        String id =
                server.createTask(ApiClient.jsonOf(Map.of("message", "hello", "webhookUrl", receiver.url("/hook"))));
        server.awaitFinished(id);
        Received r = awaitDeliveries(id, 1).getFirst();
        assertTrue(r.signedWith(SECRET), "signed with AGENTD_WEBHOOK_SECRET: " + r);
        assertFalse(r.signedWith(WebhookReceiver.secret()));
        assertTrue(r.id().startsWith("msg_"), r.id());
        long skew = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp()));
        assertTrue(skew < 60, "webhook-timestamp is now: " + r.timestamp());
        JsonNode body = r.json();
        assertEquals("task.completed", body.get("type").asText());
        assertTrue(body.get("timestamp").asText().endsWith("Z"));
        assertEquals(id, body.get("data").get("taskId").asText());
        assertEquals("completed", body.get("data").get("status").asText());

        // one delivery for the one transition, delivered at the first attempt
        TestServer.Command list = server.command("webhooks", "list", "--task", id);
        assertEquals(0, list.code(), list.err());
        List<String> rows = list.out().lines().filter(l -> l.startsWith("msg_")).toList();
        assertEquals(1, rows.size(), list.out());
        assertTrue(
                rows.getFirst().matches(r.id() + "\\s+" + id + "\\s+task.completed\\s+delivered\\s+1\\s+.*"),
                rows.getFirst());
    }

    @Test
    void waitingForApprovalAndThenBeingCancelledAreTwoDeliveriesOfAFormCreatedTask() {
        RequestBody form = new FormBody.Builder()
                .add("message", "run `echo hi`")
                .add("autoExecute", "false")
                .add("webhookUrl", receiver.url("/form"))
                .build();
        String id = server.call(server.request("/api/v1/tasks").post(form).build())
                .data()
                .get("id")
                .asText();
        server.awaitStatus(id, "awaiting_approval");
        Received waiting = awaitDeliveries(id, 1).getFirst();
        assertEquals("task.awaiting_approval", waiting.json().get("type").asText());
        assertEquals(
                "awaiting_approval", waiting.json().get("data").get("status").asText());

        assertEquals(200, server.delete("/api/v1/tasks/" + id).status());
        List<Received> both = awaitDeliveries(id, 2);
        Received cancelled = both.get(1);
        assertEquals("task.cancelled", cancelled.json().get("type").asText());
        assertEquals(
                "CANCELLED",
                cancelled.json().get("data").get("error").get("code").asText());
        assertNotEquals(waiting.id(), cancelled.id());
        assertTrue(cancelled.signedWith(SECRET));
    }

    @Test
    void aFailedTaskCreatedWithFilesIsDeliveredWithItsError() {
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("message", "run `echo hi`")
                .addFormDataPart("webhookUrl", receiver.url("/multipart"))
                .addFormDataPart("files", "a.txt", RequestBody.create("a", ApiClient.JSON))
                .build();
        String id = server.call(server.request("/api/v1/tasks").post(body).build())
                .data()
                .get("id")
                .asText();
        Received r = awaitDeliveries(id, 1).getFirst();
        assertEquals("task.failed", r.json().get("type").asText());
        assertEquals("MAX_STEPS", r.json().get("data").get("error").get("code").asText());
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameDeliveryOnTheThirdAttempt() {
        receiver.answer(500, 503);
        String id =
                server.createTask(ApiClient.jsonOf(Map.of("message", "hello", "webhookUrl", receiver.url("/flaky"))));
        List<Received> three = awaitDeliveries(id, 3);
        assertEquals(1, three.stream().map(Received::id).distinct().count(), "one webhook-id on every attempt");
        assertEquals(1, three.stream().map(Received::body).distinct().count(), "one body on every attempt");
        assertTrue(three.stream().allMatch(r -> r.signedWith(SECRET)));

        String delivery = three.getFirst().id();
        await().untilAsserted(() -> {
            TestServer.Command show = server.command("webhooks", "show", delivery);
            assertEquals(0, show.code(), show.err());
            assertTrue(show.out().contains("task.completed of task " + id + ": delivered"), show.out());
            List<String> attempts =
                    show.out().lines().filter(l -> l.matches("\\s*\\d+ .*")).toList();
            assertEquals(3, attempts.size(), show.out());
            assertTrue(attempts.get(0).matches("\\s*1 .*\\s500\\s.*HTTP 500"), attempts.get(0));
            assertTrue(attempts.get(1).matches("\\s*2 .*\\s503\\s.*HTTP 503"), attempts.get(1));
            assertTrue(attempts.get(2).matches("\\s*3 .*\\s200\\s.*delivered"), attempts.get(2));
        });
        assertEquals(3, awaitDeliveries(id, 3).size(), "nothing after it was taken");
        assertEquals(1, server.command("webhooks", "show", "msg_unknown").code());
    }

    @Test
    void aProjectsDefaultWebhookAndSecretServeTasksThatNameNone(@TempDir Path other) {
        String projectSecret = WebhookReceiver.secret();
        try (TestServer own = TestServer.start(other, WebhookReceiver.env(SECRET))) {
            own.putSettings(
                    "default",
                    ApiClient.jsonOf(Map.of("webhookUrl", receiver.url("/project"), "webhookSecret", projectSecret)));
            String id = own.newTask("hello");
            Received r = awaitDeliveries(id, 1).getFirst();
            assertTrue(r.signedWith(projectSecret), "the project's secret wins");
            assertFalse(r.signedWith(SECRET));
            TestServer.Command settings = own.command("projects", "get", "default");
            assertTrue(settings.out().contains("webhookUrl"), settings.out());
        }
    }

    @Test
    void privateAddressesAndUrlsWithoutASecretAreRefusedAtCreate(@TempDir Path other) {
        try (TestServer strict = TestServer.start(other)) {
            for (String url :
                    List.of("http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://169.254.169.254/")) {
                ApiClient.Reply r = strict.postJson(
                        "/api/v1/tasks", ApiClient.jsonOf(Map.of("message", "hello", "webhookUrl", url)));
                assertEquals(400, r.status(), url);
                assertEquals("VALIDATION_ERROR", r.errorCode());
                assertTrue(
                        r.json().get("error").get("message").asText().contains("AGENTD_WEBHOOK_ALLOW_PRIVATE=true"),
                        r.body());
            }
            ApiClient.Reply notUrl = strict.postJson(
                    "/api/v1/tasks", ApiClient.jsonOf(Map.of("message", "hello", "webhookUrl", "ftp://example.com")));
            assertEquals("VALIDATION_ERROR", notUrl.errorCode());
            assertTrue(notUrl.body().contains("http or https URL"), notUrl.body());
            ApiClient.Reply unsigned = strict.postJson(
                    "/api/v1/tasks", ApiClient.jsonOf(Map.of("message", "hello", "webhookUrl", "http://8.8.8.8/hook")));
            assertEquals("VALIDATION_ERROR", unsigned.errorCode());
            assertTrue(unsigned.body().contains("AGENTD_WEBHOOK_SECRET"), unsigned.body());
            assertEquals(0, strict.get("/api/v1/tasks").data().size(), "nothing was created");
        }
    }

    @Test
    void theDeliveryClientConnectsToNoPrivateAddressWhateverTheNameOrTheRedirect() {
        OkHttpClient client =
                WebhookClient.create(new PublicAddresses(false, "AGENTD_WEBHOOK_ALLOW_PRIVATE"), Duration.ofSeconds(5));
        for (String url :
                List.of(receiver.url("/direct"), receiver.url("/direct").replace("127.0.0.1", "localhost"))) {
            IOException refused = assertThrows(
                    IOException.class,
                    () -> client.newCall(new Request.Builder()
                                    .url(url)
                                    .post(RequestBody.create("{}", ApiClient.JSON))
                                    .build())
                            .execute()
                            .close());
            assertTrue(refused.getMessage().contains("AGENTD_WEBHOOK_ALLOW_PRIVATE"), refused.getMessage());
        }
        assertTrue(receiver.of("nothing").isEmpty());
    }

    static List<Received> awaitDeliveries(String taskId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.of(taskId).size() >= count);
        return receiver.of(taskId);
    }
}
