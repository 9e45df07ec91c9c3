package dev.agentd.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.support.WebhookReceiver;
import dev.agentd.support.WebhookReceiver.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delivery still pending when the real jar is killed with SIGKILL is delivered once it runs again. */
class WebhookCrashIT {
    @TempDir
    Path dir;

    @Test
    void aDeliveryPendingAtAKillIsDeliveredAfterTheRestartWithTheSameId() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String secret = WebhookReceiver.secret();
        Map<String, String> env = new HashMap<>(WebhookReceiver.env(secret));
        env.put("AGENTD_WEBHOOK_RETRY_DELAY", "2s");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(503, 503, 503, 503, 503, 503, 503, 503);
            String id;
            try (JarProcess first = JarProcess.start(data, env)) {
                ApiClient api = first.client();
                id = api.createTask(ApiClient.jsonOf(Map.of("message", "hello", "webhookUrl", receiver.url("/crash"))));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !receiver.of(id).isEmpty());
                first.kill();
            }
            int refused = receiver.of(id).size();
            receiver.reset();
            try (JarProcess second = JarProcess.start(data, env)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> receiver.of(id).size() > refused);
                List<Received> all = receiver.of(id);
                assertEquals(1, all.stream().map(Received::id).distinct().count(), "the same webhook-id: " + all);
                assertTrue(all.getLast().signedWith(secret));
                assertEquals("task.completed", all.getLast().json().get("type").asText());
                assertEquals(0, second.command("webhooks", "show", all.getLast().id()));
            }
            assertEquals(refused + 1, receiver.of(id).size(), "delivered once after the restart, then left alone");
        }
    }
}
