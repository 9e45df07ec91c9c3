package dev.agentd.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.ServerLog;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Env and secrets given at token exchange reach the end user's runs, masked, and are stored nowhere readable. */
class WidgetSecretsTest {
    private static final String SECRET = "wsec-7f3a9c2e41b8";

    @TempDir
    Path dir;

    @Test
    void tokenEnvAndSecretsReachCommandsMaskedAndNeverReachAFileOrALog() throws IOException {
        ServerLog log = ServerLog.mark();
        try (TestServer server = TestServer.start(dir)) {
            TestServer.AppCredentials app = server.createApp("default", "https://shop.example");
            ApiClient user = server.as(server.token(
                    app, "gina", Map.of("env", Map.of("SHOP", "acme"), "secrets", Map.of("SHOP_TOKEN", SECRET))));

            String id = user.newTask("run `echo shop=$SHOP token=$SHOP_TOKEN`");
            JsonNode task = user.awaitFinished(id);
            String output = task.get("output").get("content").asText();
            assertTrue(output.contains("shop=acme token=***"), output);
            assertTrue(task.get("env").isNull(), "token env is never returned: " + task.get("env"));
            assertFalse(task.toString().contains(SECRET));
            try (Sse sse = Sse.open(
                    user,
                    user.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
                assertFalse(sse.events().toString().contains(SECRET), "nor in any event");
            }
            assertFalse(user.get("/api/v1/tasks/" + id + "/history").body().contains(SECRET));

            String own = user.createTask(TestServer.jsonOf(Map.of(
                    "message", "run `echo shop=$SHOP token=$SHOP_TOKEN`",
                    "env", Map.of("SHOP", "corner"),
                    "secrets", Map.of("SHOP_TOKEN", "task-secret-99"))));
            String merged = user.awaitFinished(own).get("output").get("content").asText();
            assertTrue(merged.contains("shop=corner token=***"), "the task's own win: " + merged);
            assertFalse(merged.contains("task-secret-99"));
        }
        List<Path> holders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET)) holders.add(f);
            }
        }
        assertEquals(List.of(), holders, "no file under the data dir holds the secret (database, WAL, workspaces)");
        assertFalse(log.since().contains(SECRET), "no log line holds it");
    }

    @Test
    void theGrantOutlivesARestartSoARestoredSessionStillHasTheSecrets() {
        String id;
        String token;
        try (TestServer server = TestServer.start(dir)) {
            TestServer.AppCredentials app = server.createApp("default", "https://shop.example");
            token = server.token(app, "hana", Map.of("secrets", Map.of("SHOP_TOKEN", SECRET)));
            id = server.as(token).newTask("What is 2+2?");
            server.as(token).awaitFinished(id);
        }
        try (TestServer again = TestServer.start(dir)) {
            ApiClient user = again.as(token);
            user.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\":\"run `echo token=$SHOP_TOKEN`\"}");
            user.awaitMessages(id, 4);
            String answer = user.get("/api/v1/tasks/" + id)
                    .data()
                    .get("output")
                    .get("content")
                    .asText();
            assertTrue(answer.contains("token=***"), answer);
        }
    }
}
