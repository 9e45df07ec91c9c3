package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalErrorTest {
    @TempDir
    Path dir;

    @Test
    void anUnexpectedFailureIsA500EnvelopeWithTheRequestIdAndNoInternals() throws IOException {
        try (TestServer server = TestServer.start(dir)) {
            // the workspaces folder replaced by a file: storing an upload fails inside the server
            Path workspaces = dir.resolve("workspaces");
            Files.delete(workspaces);
            Files.writeString(workspaces, "not a folder");
            MultipartBody body = new MultipartBody.Builder()
                    .setType(MultipartBody.FORM)
                    .addFormDataPart("message", "What is 2+2?")
                    .addFormDataPart("files", "a.txt", RequestBody.create("hello", MediaType.get("text/plain")))
                    .build();
            TestServer.Reply r =
                    server.call(server.request("/api/v1/tasks").post(body).build());
            assertEquals(500, r.status(), r.body());
            assertEquals("INTERNAL_ERROR", r.errorCode());
            String requestId = r.headers().get("X-Request-Id");
            assertTrue(r.json().get("error").get("message").asText().contains(requestId), r.body());
            assertFalse(
                    r.body().contains("Exception")
                            || r.body().contains("at dev.")
                            || r.body().contains(dir.toString()),
                    "no stack trace or path in the answer: " + r.body());
            assertEquals(
                    0,
                    server.get("/api/v1/tasks")
                            .json()
                            .get("pagination")
                            .get("total")
                            .asInt(),
                    "the failed create left no task");
        }
    }
}
