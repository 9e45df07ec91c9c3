package dev.agentd.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.Agentd;
import dev.agentd.support.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedding API as another project's tests use it: a started server per test, gone after it. */
class AgentdExtensionTest {
    @RegisterExtension
    static final AgentdExtension agentd = new AgentdExtension(b -> b.setting("AGENTD_BUILTIN_DELAY_MS", "0"));

    static final List<Path> dataDirs = new ArrayList<>();

    @AfterAll
    static void everyServerIsStoppedAndItsDataDirDeleted() {
        assertEquals(2, dataDirs.size());
        assertNotEquals(dataDirs.get(0), dataDirs.get(1), "each test method has a server of its own");
        for (Path dir : dataDirs) assertFalse(Files.exists(dir), dir + " is left behind");
    }

    private static void answers(Agentd server) {
        dataDirs.add(server.dataDir());
        assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"), server.baseUrl());
        assertTrue(server.apiKey().matches("sigmic_[0-9a-f]{64}"));
        try (ApiClient client = new ApiClient(server.port(), server.apiKey())) {
            String id = client.newTask("What is 2+2?");
            assertEquals(
                    "2+2 equals 4.",
                    client.awaitFinished(id).get("output").get("content").asText());
        }
    }

    @Test
    void aTestGetsAStartedServerWithAKey(Agentd server) {
        answers(server);
    }

    @Test
    void anotherTestGetsAnotherServer(Agentd server) {
        answers(server);
    }
}
