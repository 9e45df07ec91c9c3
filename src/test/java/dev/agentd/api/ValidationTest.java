package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {
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

    private static void assertError(TestServer.Reply r, int status, String code, String messagePart) {
        assertEquals(status, r.status(), r.body());
        assertEquals(false, r.json().get("success").asBoolean(), r.body());
        assertEquals(code, r.errorCode(), r.body());
        assertTrue(r.json().get("error").get("message").asText().contains(messagePart), r.body());
    }

    private int taskCount() {
        return server.get("/api/v1/tasks").json().get("pagination").get("total").asInt();
    }

    @Test
    void unknownRoutesAndWrongMethodsGetTheEnvelope() {
        assertError(server.get("/api/v1/nothing"), 404, "NOT_FOUND", "/api/v1/nothing");
        assertError(server.get("/favicon.ico"), 404, "NOT_FOUND", "favicon");
        assertError(
                server.call(server.request("/api/v1/tasks")
                        .put(RequestBody.create("{}", TestServer.JSON))
                        .build()),
                405,
                "METHOD_NOT_ALLOWED",
                "PUT");
    }

    @Test
    void aCreateWithABadBodyCreatesNothing() {
        int before = taskCount();
        assertError(server.postJson("/api/v1/tasks", "{\"message\": "), 400, "VALIDATION_ERROR", "Malformed JSON");
        assertError(server.postJson("/api/v1/tasks", "[1,2]"), 400, "VALIDATION_ERROR", "JSON object");
        assertError(server.postJson("/api/v1/tasks", "{}"), 400, "VALIDATION_ERROR", "message is required");
        assertError(server.postJson("/api/v1/tasks", "{\"message\":\"   \"}"), 400, "VALIDATION_ERROR", "blank");
        assertError(
                server.postJson("/api/v1/tasks", "{\"message\":42}"),
                400,
                "VALIDATION_ERROR",
                "message must be a string");
        assertError(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\",\"autoExecute\":\"yes\"}"),
                400,
                "VALIDATION_ERROR",
                "autoExecute");
        assertError(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\",\"env\":{\"1BAD\":\"x\"}}"),
                400,
                "INVALID_ENV",
                "1BAD");
        assertError(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\",\"secrets\":{\"TOKEN\":5}}"),
                400,
                "INVALID_ENV",
                "TOKEN");
        assertError(
                server.postJson("/api/v1/tasks", "{\"message\":\"hi\",\"env\":[\"A\"]}"), 400, "INVALID_ENV", "env");
        assertError(
                server.call(server.request("/api/v1/tasks")
                        .post(RequestBody.create("message=hi", okhttp3.MediaType.get("text/plain")))
                        .build()),
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "application/json");
        assertEquals(before, taskCount(), "no rejected request left a task behind");
    }

    @Test
    void multipartBooleansMustBeTrueOrFalseAndEnvIsJsonOnly() {
        int before = taskCount();
        assertError(
                multipart(Map.of("message", "hi", "showInHistory", "yes")), 400, "VALIDATION_ERROR", "showInHistory");
        assertError(multipart(Map.of("message", "hi", "env", "{\"A\":\"b\"}")), 400, "VALIDATION_ERROR", "JSON");
        assertError(multipart(Map.of("message", "hi", "secrets", "{\"A\":\"b\"}")), 400, "VALIDATION_ERROR", "JSON");
        assertError(multipart(Map.of("systemPrompt", "x")), 400, "VALIDATION_ERROR", "message is required");
        assertEquals(before, taskCount());

        TestServer.Reply ok =
                multipart(Map.of("message", "What is 2+2?", "autoExecute", "false", "showInHistory", "true"));
        assertEquals(201, ok.status(), ok.body());
        String id = ok.data().get("id").asText();
        assertEquals(
                false,
                server.get("/api/v1/tasks/" + id).data().get("autoExecute").asBoolean());
    }

    @Test
    void pagingOutOfRangeIsAValidationError() {
        assertError(server.get("/api/v1/tasks?limit=0"), 400, "VALIDATION_ERROR", "limit");
        assertError(server.get("/api/v1/tasks?limit=101"), 400, "VALIDATION_ERROR", "limit");
        assertError(server.get("/api/v1/tasks?limit=ten"), 400, "VALIDATION_ERROR", "limit");
        assertError(server.get("/api/v1/tasks?offset=-1"), 400, "VALIDATION_ERROR", "offset");
        assertEquals(200, server.get("/api/v1/tasks?limit=100&offset=0").status());
    }

    @Test
    void followUpsAreValidatedAndUnknownTasksAreNotFound() {
        String id = server.newTask("What is 1+2?");
        server.awaitFinished(id);
        assertError(server.postJson("/api/v1/tasks/" + id + "/messages", "{}"), 400, "VALIDATION_ERROR", "message");
        assertError(
                server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"x\",\"ifBusy\":\"wait\"}"),
                400,
                "VALIDATION_ERROR",
                "ifBusy");
        assertError(
                server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"x\",\"secrets\":{\"a-b\":\"1\"}}"),
                400,
                "INVALID_ENV",
                "a-b");
        assertError(
                server.postJson("/api/v1/tasks/00000000-0000-0000-0000-000000000000/messages", "{\"message\":\"x\"}"),
                404,
                "NOT_FOUND",
                "Task");
        assertEquals(
                2,
                server.get("/api/v1/tasks/" + id + "/history")
                        .data()
                        .get("messages")
                        .size(),
                "rejected follow-ups leave history alone");
        assertError(server.get("/api/v1/tasks/" + id + "/history?after=nope"), 400, "VALIDATION_ERROR", "after");
        assertError(server.get("/api/v1/tasks/" + id + "/stream?after=-4"), 400, "VALIDATION_ERROR", "after");
    }

    @Test
    void aNumberBeyondRangeIsAClientErrorWithARequestId() {
        TestServer.Reply r = server.get("/api/v1/tasks?limit=99999999999999");
        assertError(r, 400, "VALIDATION_ERROR", "limit");
        assertTrue(r.headers().get("X-Request-Id") != null);
    }

    private TestServer.Reply multipart(Map<String, String> fields) {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields.forEach(body::addFormDataPart);
        return server.call(server.request("/api/v1/tasks").post(body.build()).build());
    }
}
