package dev.agentd.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.ApiClient;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Public traffic is limited per end user and per app; API keys are not. */
class WidgetLimitsTest {
    @TempDir
    Path dir;

    @Test
    void anEndUserOverTheirRateGets429WithRetryAfterWhileOthersAndKeysGoOn() {
        try (TestServer server = TestServer.start(dir, Map.of("AGENTD_END_USER_RATE", "2", "AGENTD_APP_RATE", "3"))) {
            TestServer.AppCredentials app = server.createApp("default", "https://shop.example");
            ApiClient ivy = server.as(server.token(app, "ivy", Map.of()));
            ApiClient jon = server.as(server.token(app, "jon", Map.of()));
            String first = ivy.newTask("What is 1+1?");
            ivy.awaitFinished(first);
            assertEquals(
                    202,
                    ivy.postJson("/api/v1/tasks/" + first + "/messages", "{\"message\":\"and 2+2?\"}")
                            .status());
            ivy.awaitMessages(first, 4);
            TestServer.Reply limited = ivy.postJson("/api/v1/tasks", "{\"message\":\"What is 3+3?\"}");
            assertEquals(429, limited.status(), limited.body());
            assertEquals("RATE_LIMITED", limited.errorCode());
            long retry = Long.parseLong(limited.headers().get("Retry-After"));
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);

            assertEquals(
                    201,
                    jon.postJson("/api/v1/tasks", "{\"message\":\"What is 4+4?\"}")
                            .status());
            TestServer.Reply appLimited = jon.postJson("/api/v1/tasks", "{\"message\":\"What is 5+5?\"}");
            assertEquals(429, appLimited.status(), "the app's three a minute are used: " + appLimited.body());
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        201,
                        server.postJson("/api/v1/tasks", "{\"message\":\"What is 6+6?\"}")
                                .status());
            }
        }
    }

    @Test
    void anEndUserHasAtMostTheirRunsAtOnce() {
        try (TestServer server =
                TestServer.start(dir, Map.of("AGENTD_END_USER_MAX_RUNS", "1", "AGENTD_BUILTIN_DELAY_MS", "200"))) {
            TestServer.AppCredentials app = server.createApp("default", "https://shop.example");
            ApiClient kim = server.as(server.token(app, "kim", Map.of()));
            String running = kim.newTask("Please write a long answer that keeps this run busy for a while");
            kim.awaitStatus(running, "running");
            TestServer.Reply second = kim.postJson("/api/v1/tasks", "{\"message\":\"What is 2+2?\"}");
            assertEquals(429, second.status(), second.body());
            assertEquals("RATE_LIMITED", second.errorCode());
            assertEquals(200, kim.delete("/api/v1/tasks/" + running).status());
            assertEquals(
                    201,
                    kim.postJson("/api/v1/tasks", "{\"message\":\"What is 2+2?\"}")
                            .status());
        }
    }
}
