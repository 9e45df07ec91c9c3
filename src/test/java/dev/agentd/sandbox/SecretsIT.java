package dev.agentd.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import dev.agentd.workspace.Workspaces;
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

class SecretsIT {
    private static final String SECRET = "s3cr3t-Vault-Token-8f2c";

    @TempDir
    Path dir;

    @Test
    void aPrintedAndSavedSecretIsFoundOnlyInTheWorkspaceFileItWasWrittenTo() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        String log;
        String id;
        try (JarProcess agentd =
                JarProcess.start(data, Map.of("OPENAI_API_KEY", "sk-server-own-key", "AGENTD_HEARTBEAT", "1s"))) {
            ApiClient api = agentd.client();
            id = api.createTask(ApiClient.jsonOf(Map.of(
                    "message",
                    "run `echo the token is $VAULT_TOKEN; echo $VAULT_TOKEN > downloads/token.txt; env`",
                    "secrets",
                    Map.of("VAULT_TOKEN", SECRET))));
            JsonNode task = api.awaitFinished(id);
            assertEquals("completed", task.get("status").asText());
            String content = task.get("output").get("content").asText();
            assertTrue(content.contains("the token is ***"), content);
            assertFalse(
                    content.contains("sk-server-own-key") || content.contains("AGENTD_"),
                    "the server's environment leaked: " + content);
            api.get("/api/v1/tasks/" + id + "/history");
            agentd.terminate();
            log = agentd.output();
        }
        assertFalse(log.contains(SECRET), "the server's log holds the secret");
        List<Path> holders = new ArrayList<>();
        byte[] needle = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) holders.add(data.relativize(f));
            }
        }
        assertEquals(
                List.of(Path.of("workspaces").resolve(Workspaces.layout(id)).resolve("downloads/token.txt")), holders);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
