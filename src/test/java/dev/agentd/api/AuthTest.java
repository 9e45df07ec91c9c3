package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.auth.ApiKeys;
import dev.agentd.store.Store;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String otherKey;
    static String revokedKey;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        // a second process (the keys command) writes to the same database while the server runs
        try (Store store = TestDatabases.open(dir)) {
            ApiKeys keys = new ApiKeys(store.keys());
            otherKey = keys.create("other").secret();
            ApiKeys.Created revoked = keys.create("revoked");
            revokedKey = revoked.secret();
            keys.revoke(revoked.key().id());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private TestServer.Reply list(String header, String value) {
        Request.Builder b = new Request.Builder().url(server.url("/api/v1/tasks"));
        if (header != null) b.header(header, value);
        return server.call(b.build());
    }

    @Test
    void noCredentialsIsAuthRequired() {
        TestServer.Reply r = list(null, null);
        assertEquals(401, r.status());
        assertEquals("AUTH_REQUIRED", r.errorCode());
        assertEquals(false, r.json().get("success").asBoolean());
    }

    @Test
    void aTokenOfAnotherFormIsInvalidAuthFormat() {
        assertEquals(
                "INVALID_AUTH_FORMAT", list("Authorization", "Bearer abc123").errorCode());
        assertEquals("INVALID_AUTH_FORMAT", list("X-API-Key", "sk-12345").errorCode());
        assertEquals(
                "INVALID_AUTH_FORMAT",
                list("Authorization", "Basic dXNlcjpwYXNz").errorCode());
    }

    @Test
    void aJwtIsNotYetSupported() {
        TestServer.Reply r = list("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig");
        assertEquals(401, r.status());
        assertEquals("INVALID_TOKEN", r.errorCode());
    }

    @Test
    void unknownAndRevokedKeysAreInvalidApiKey() {
        assertEquals(
                "INVALID_API_KEY",
                list("Authorization", "Bearer sigmic_" + "9".repeat(64)).errorCode());
        TestServer.Reply revoked = list("X-API-Key", revokedKey);
        assertEquals(401, revoked.status());
        assertEquals("INVALID_API_KEY", revoked.errorCode());
    }

    @Test
    void bearerAndXApiKeyBothWork() {
        assertEquals(200, list("Authorization", "Bearer " + TestServer.KEY).status());
        assertEquals(200, list("X-API-Key", TestServer.KEY).status());
        assertEquals(200, list("X-API-Key", otherKey).status(), "a key created while the server runs is valid at once");
    }

    @Test
    void aTaskIsInvisibleToEveryOtherKey() {
        String id = server.newTask("What is 5+5?");
        server.awaitFinished(id);
        for (String path : new String[] {"", "/history", "/stream"}) {
            TestServer.Reply r = server.call(new Request.Builder()
                    .url(server.url("/api/v1/tasks/" + id + path))
                    .header("X-API-Key", otherKey)
                    .build());
            assertEquals(404, r.status(), path);
            assertEquals("NOT_FOUND", r.errorCode());
        }
        TestServer.Reply follow = server.call(new Request.Builder()
                .url(server.url("/api/v1/tasks/" + id + "/messages"))
                .header("X-API-Key", otherKey)
                .post(RequestBody.create("{\"message\":\"hi\"}", TestServer.JSON))
                .build());
        assertEquals(404, follow.status());
        TestServer.Reply others = server.call(new Request.Builder()
                .url(server.url("/api/v1/tasks"))
                .header("X-API-Key", otherKey)
                .build());
        assertTrue(others.data().isEmpty(), "the other key lists none of these tasks: " + others.body());
    }
}
