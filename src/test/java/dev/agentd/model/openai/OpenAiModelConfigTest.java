package dev.agentd.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.config.Config;
import dev.agentd.config.ConfigException;
import dev.agentd.config.ConfigLoader;
import dev.agentd.support.RecordingSink;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiModelConfigTest {
    @TempDir
    Path dir;

    static OpenAiModel create(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        Config config = ConfigLoader.load(env, new String[0]);
        return OpenAiModelConfig.create(config, config.model());
    }

    @Test
    void aModelNameIsRequiredAfterTheColon() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> create("AGENTD_MODEL", "openai:", "OPENAI_API_KEY", "k"));
        assertTrue(e.getMessage().startsWith("AGENTD_MODEL"), e.getMessage());
    }

    @Test
    void openAiItselfNeedsAKeyAndTheMessageNamesTheVariable() {
        ConfigException missing =
                assertThrows(ConfigException.class, () -> create("AGENTD_MODEL", "openai:gpt-4o-mini"));
        assertTrue(missing.getMessage().startsWith("OPENAI_API_KEY"), missing.getMessage());
        ConfigException explicit = assertThrows(
                ConfigException.class,
                () -> create(
                        "AGENTD_MODEL",
                        "openai:gpt-4o-mini",
                        "OPENAI_BASE_URL",
                        "https://api.openai.com/v1/",
                        "OPENAI_API_KEY",
                        " "));
        assertTrue(explicit.getMessage().startsWith("OPENAI_API_KEY"), explicit.getMessage());
    }

    @Test
    void localServersNeedNoKey() {
        create("AGENTD_MODEL", "openai:llama3.2", "OPENAI_BASE_URL", "http://localhost:11434/v1");
        create("AGENTD_MODEL", "openai:Qwen/Qwen2.5-7B-Instruct", "OPENAI_BASE_URL", "http://localhost:8000/v1");
    }

    @Test
    void everythingAfterTheFirstColonIsTheModelNameAndTheBaseUrlMayEndInASlash() throws Exception {
        try (MockWebServer provider = new MockWebServer()) {
            provider.start();
            provider.enqueue(ProviderStream.text("Hi.", 1, 1));
            create(
                            "AGENTD_MODEL",
                            "openai:qwen2.5:7b",
                            "OPENAI_BASE_URL",
                            provider.url("/v1/").toString())
                    .next(OpenAiModelTest.ask("Hi"), new RecordingSink());
            RecordedRequest r = provider.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("/v1/chat/completions", r.getUrl().encodedPath());
            assertEquals(
                    "qwen2.5:7b",
                    OpenAiModelTest.readJson(r.getBody().utf8()).get("model").asText());
            assertEquals(null, r.getHeaders().get("Authorization"));
        }
    }

    @Test
    void aBaseUrlThatIsNoUrlIsRefusedNamingTheVariable() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> create("AGENTD_MODEL", "openai:m", "OPENAI_BASE_URL", "localhost:11434"));
        assertTrue(e.getMessage().startsWith("OPENAI_BASE_URL"), e.getMessage());
    }

    @Test
    void theServerRefusesToStartOnOpenAiWithoutAKey() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> TestServer.start(dir, Map.of("AGENTD_MODEL", "openai:gpt-4o-mini")));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
    }

    @Test
    void theServerStartsOnALocalServerWithoutAKeyAndSaysWhichModel() {
        try (TestServer server = TestServer.start(
                dir, Map.of("AGENTD_MODEL", "openai:llama3.2", "OPENAI_BASE_URL", "http://localhost:11434/v1"))) {
            assertTrue(server.startupOutput().contains("model: openai:llama3.2"), server.startupOutput());
            assertEquals(200, server.get("/health").status());
        }
    }
}
