package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage [extension]: on the task, summed over its runs, and per project and day on the command line. */
class UsageTest {
    @TempDir
    Path dir;

    @Test
    void aTasksRunsAreSummedOnItAndTheCommandLineShowsThemPerProjectAndDay() throws Exception {
        try (MockWebServer provider = new MockWebServer()) {
            provider.start();
            provider.enqueue(ProviderStream.text("First.", 10, 5));
            provider.enqueue(ProviderStream.text("Second.", 20, 7));
            try (TestServer server = TestServer.start(
                    dir,
                    Map.of(
                            "AGENTD_MODEL", "openai:m",
                            "OPENAI_BASE_URL", provider.url("/v1").toString(),
                            "OPENAI_API_KEY", "sk-x"))) {
                String id = server.newTask("one");
                JsonNode first = server.awaitFinished(id).get("usage");
                assertEquals(10, first.get("promptTokens").asLong(), first.toString());
                assertEquals(5, first.get("completionTokens").asLong());
                assertEquals(1, first.get("modelCalls").asLong());
                assertEquals(
                        202,
                        server.postJson("/api/v1/tasks/" + id + "/messages", "{\"message\": \"two\"}")
                                .status());
                server.awaitMessages(id, 4);
                JsonNode both = server.get("/api/v1/tasks/" + id).data().get("usage");
                assertEquals(30, both.get("promptTokens").asLong(), both.toString());
                assertEquals(12, both.get("completionTokens").asLong());
                assertEquals(2, both.get("modelCalls").asLong());
                JsonNode listed = server.get("/api/v1/tasks").data().get(0).get("usage");
                assertEquals(both, listed, "list items carry it too");

                TestServer.Command usage = server.command("usage");
                assertEquals(0, usage.code(), usage.err());
                assertTrue(
                        Pattern.compile("(?m)^\\d{4}-\\d{2}-\\d{2}\\s+default\\s+2\\s+30\\s+12\\s+2$")
                                .matcher(usage.out())
                                .find(),
                        usage.out());
                assertTrue(!server.command("usage", "--project", "shop").out().contains("default"));
                assertEquals(2, server.command("usage", "--days", "0").code());
            }
        }
    }
}
