package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's model, prompt and skills reach the provider; other projects keep the server's model. */
class ProjectModelTest {
    @TempDir
    Path dir;

    @TempDir
    Path skill;

    @Test
    void aProjectsSettingsChooseTheModelAndAddItsPromptAndSkills() throws IOException, InterruptedException {
        Files.writeString(skill.resolve("SKILL.md"), "---\nname: refunds\ndescription: How refunds work\n---\nSteps");
        try (MockWebServer provider = new MockWebServer()) {
            provider.start();
            try (TestServer server = TestServer.start(
                    dir, Map.of("OPENAI_BASE_URL", provider.url("/v1").toString(), "OPENAI_API_KEY", "sk-x"))) {
                assertEquals(0, server.command("projects", "create", "shop").code());
                server.putSettings("shop", """
                        {"model": "openai:shop-model", "systemPrompt": "You are the shop's assistant.",
                         "skills": ["%s"], "toolPolicies": {"run_command": "deny"},
                         "subagents": {"researcher": {"enabled": false}}}
                        """.formatted(skill));
                TestServer.Command key = server.command("keys", "create", "--name", "shop", "--project", "shop");
                Matcher secret =
                        Pattern.compile("key:\\s+(sigmic_[0-9a-f]{64})").matcher(key.out());
                assertTrue(secret.find(), key.out());
                ApiClient shop = server.as(secret.group(1));

                provider.enqueue(ProviderStream.text("Hello from the shop model.", 10, 5));
                String id = shop.createTask("{\"message\": \"hi\", \"systemPrompt\": \"Be brief.\"}");
                assertEquals(
                        "Hello from the shop model.",
                        shop.awaitFinished(id).get("output").get("content").asText());
                RecordedRequest r = provider.takeRequest(5, TimeUnit.SECONDS);
                JsonNode body = new ObjectMapper().readTree(r.getBody().utf8());
                assertEquals("shop-model", body.get("model").asText());
                String system = body.get("messages").get(0).get("content").asText();
                assertTrue(system.startsWith("You are the shop's assistant.\n\nBe brief.\n\n"), system);
                assertTrue(system.contains("- refunds: How refunds work"), system);
                String tools = body.get("tools").toString();
                assertTrue(tools.contains("load_skill"), tools);
                assertTrue(!tools.contains("run_command"), "a denied tool is not offered: " + tools);
                JsonNode delegate = null;
                for (JsonNode t : body.get("tools")) {
                    if (t.get("function").get("name").asText().equals("delegate")) delegate = t.get("function");
                }
                assertTrue(delegate != null, tools);
                String subagents = delegate.get("description").asText();
                assertTrue(subagents.contains("- code-writer: "), subagents);
                assertTrue(!subagents.contains("researcher"), "a disabled subagent is not offered: " + subagents);

                String builtin = server.newTask("What is 2+2?");
                assertTrue(server.awaitFinished(builtin)
                        .get("output")
                        .get("content")
                        .asText()
                        .contains("4"));
                assertNull(provider.takeRequest(200, TimeUnit.MILLISECONDS), "the default project keeps builtin");
            }
        }
    }
}
