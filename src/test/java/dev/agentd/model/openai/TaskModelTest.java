package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.FormBody;
import okhttp3.MultipartBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's own model [extension]: chosen on create or a follow-up among those allowed, shown on the task. */
class TaskModelTest {
    @TempDir
    static Path dir;

    static MockWebServer provider;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        provider = new MockWebServer();
        provider.start();
        server = TestServer.start(
                dir,
                Map.of(
                        "AGENTD_MODELS",
                        "builtin, openai:small-model",
                        "OPENAI_BASE_URL",
                        provider.url("/v1").toString(),
                        "OPENAI_API_KEY",
                        "sk-test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    @BeforeEach
    void forget() throws InterruptedException {
        while (provider.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // requests of earlier tests
        }
    }

    static String modelOf(RecordedRequest r) throws IOException {
        return new ObjectMapper().readTree(r.getBody().utf8()).get("model").asText();
    }

    @Test
    void aTaskRunsOnTheModelItChoseAndAFollowUpMaySwitchIt() throws Exception {
        provider.enqueue(ProviderStream.text("From the small model.", 5, 4));
        String id = server.createTask("{\"message\": \"hi\", \"model\": \"openai:small-model\"}");
        JsonNode task = server.awaitFinished(id);
        assertEquals("From the small model.", task.get("output").get("content").asText());
        assertEquals("openai:small-model", task.get("model").asText());
        assertEquals("small-model", modelOf(provider.takeRequest(5, TimeUnit.SECONDS)));

        ApiClient.Reply r = server.postJson(
                "/api/v1/tasks/" + id + "/messages", "{\"message\": \"What is 2+2?\", \"model\": \"builtin\"}");
        assertEquals(202, r.status(), r.body());
        server.awaitMessages(id, 4);
        assertEquals(
                "2+2 equals 4.",
                server.awaitFinished(id).get("output").get("content").asText());
        assertEquals(
                "builtin", server.get("/api/v1/tasks/" + id).data().get("model").asText());
        assertNull(provider.takeRequest(200, TimeUnit.MILLISECONDS), "the switched run asked no provider");

        String plain = server.newTask("What is 1+1?");
        assertTrue(server.awaitFinished(plain).get("model").isNull(), "no choice: the server's model");
    }

    @Test
    void aQueuedFollowUpsModelAppliesWhenItRunsAndACancelledQueueChangesNothing() throws Exception {
        String id = server.createTask("{\"message\": \"run `sleep 1`\", \"model\": \"builtin\"}");
        server.awaitStatus(id, "running");
        ApiClient.Reply queued = server.postJson(
                "/api/v1/tasks/" + id + "/messages",
                "{\"message\": \"hi\", \"ifBusy\": \"queue\", \"model\": \"openai:small-model\"}");
        assertEquals(202, queued.status(), queued.body());
        assertEquals(
                "builtin", server.get("/api/v1/tasks/" + id).data().get("model").asText(), "not before it runs");
        assertEquals(200, server.delete("/api/v1/tasks/" + id).status());
        assertEquals(
                "builtin", server.get("/api/v1/tasks/" + id).data().get("model").asText(), "cancelled: unchanged");

        String next = server.createTask("{\"message\": \"run `sleep 1`\", \"model\": \"builtin\"}");
        server.awaitStatus(next, "running");
        provider.enqueue(ProviderStream.text("Queued and answered.", 5, 3));
        assertEquals(
                202,
                server.postJson(
                                "/api/v1/tasks/" + next + "/messages",
                                "{\"message\": \"hi\", \"ifBusy\": \"queue\", \"model\": \"openai:small-model\"}")
                        .status());
        server.awaitMessages(next, 4);
        JsonNode task = server.awaitFinished(next);
        assertEquals("Queued and answered.", task.get("output").get("content").asText());
        assertEquals("openai:small-model", task.get("model").asText());
        assertEquals("small-model", modelOf(provider.takeRequest(5, TimeUnit.SECONDS)));
    }

    @Test
    void aModelThatIsNotAllowedIsRefusedAndNothingIsCreated() {
        int before = server.get("/api/v1/tasks").data().size();
        ApiClient.Reply r = server.postJson("/api/v1/tasks", "{\"message\": \"hi\", \"model\": \"openai:gpt-huge\"}");
        assertEquals(400, r.status());
        assertEquals("VALIDATION_ERROR", r.errorCode());
        assertTrue(
                r.json().get("error").get("message").asText().contains("builtin, openai:small-model"),
                "it names what may be chosen: " + r.body());
        assertEquals(before, server.get("/api/v1/tasks").data().size());
        String id = server.newTask("What is 3+3?");
        server.awaitFinished(id);
        ApiClient.Reply followUp =
                server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\": \"again\", \"model\": \"nope\"}");
        assertEquals(400, followUp.status());
        assertTrue(server.get("/api/v1/tasks/" + id).data().get("model").isNull());
    }

    @Test
    void formAndMultipartBodiesChooseTooAndAProjectsModelIsAllowedForItsTasks() throws Exception {
        ApiClient.Reply form = server.call(server.request("/api/v1/tasks")
                .post(new FormBody.Builder()
                        .add("message", "What is 5+5?")
                        .add("model", "builtin")
                        .build())
                .build());
        assertEquals(201, form.status(), form.body());
        assertEquals(
                "builtin",
                server.awaitFinished(form.data().get("id").asText())
                        .get("model")
                        .asText());
        ApiClient.Reply multipart = server.call(server.request("/api/v1/tasks")
                .post(new MultipartBody.Builder()
                        .setType(MultipartBody.FORM)
                        .addFormDataPart("message", "What is 6+6?")
                        .addFormDataPart("model", "builtin")
                        .build())
                .build());
        assertEquals(201, multipart.status(), multipart.body());

        server.putSettings("default", "{\"model\": \"openai:project-model\"}");
        try {
            provider.enqueue(ProviderStream.text("Project model here.", 5, 3));
            String id = server.createTask("{\"message\": \"hi\", \"model\": \"openai:project-model\"}");
            assertEquals(
                    "Project model here.",
                    server.awaitFinished(id).get("output").get("content").asText());
            assertEquals("project-model", modelOf(provider.takeRequest(5, TimeUnit.SECONDS)));
        } finally {
            server.putSettings("default", "{}");
        }
    }
}
