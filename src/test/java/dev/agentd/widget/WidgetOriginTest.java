package dev.agentd.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A widget token is used from its app's origins only; CORS opens nothing to anyone else. */
class WidgetOriginTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        TestServer.AppCredentials app = server.createApp("default", "https://shop.example", "http://localhost:5173");
        token = server.token(app, "erin", Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply call(String method, String credentials, String origin) {
        Request.Builder b = new Request.Builder().url(server.url("/api/v1/tasks"));
        if (credentials != null) b.header("Authorization", "Bearer " + credentials);
        if (origin != null) b.header("Origin", origin);
        if (method.equals("OPTIONS")) {
            b.method("OPTIONS", null)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key");
        }
        return server.call(b.build());
    }

    @Test
    void aTokenFromAnAllowedOriginIsServedWithCorsHeaders() {
        TestServer.Reply r = call("GET", token, "https://shop.example");
        assertEquals(200, r.status(), r.body());
        assertEquals("https://shop.example", r.headers().get("Access-Control-Allow-Origin"));
        assertEquals("Origin", r.headers().get("Vary"));
        assertTrue(r.headers().get("Access-Control-Expose-Headers").contains("Retry-After"));
        assertEquals(
                "http://localhost:5173",
                call("GET", token, "http://LOCALHOST:5173").headers().get("Access-Control-Allow-Origin"));
        assertEquals(200, call("GET", token, null).status(), "a token from no browser at all is fine");
    }

    @Test
    void aTokenFromAnotherOriginIsRefused() {
        for (String origin : new String[] {"https://evil.example", "https://shop.example:8443", "null"}) {
            TestServer.Reply r = call("GET", token, origin);
            assertEquals(403, r.status(), origin + ": " + r.body());
            assertEquals("ORIGIN_NOT_ALLOWED", r.errorCode());
            assertNull(r.headers().get("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginNamesWhatTheWidgetNeeds() {
        TestServer.Reply r = call("OPTIONS", null, "https://shop.example");
        assertEquals(204, r.status(), r.body());
        assertEquals("https://shop.example", r.headers().get("Access-Control-Allow-Origin"));
        String headers = r.headers().get("Access-Control-Allow-Headers");
        for (String h : new String[] {"Authorization", "Content-Type", "Last-Event-ID", "Idempotency-Key"}) {
            assertTrue(headers.contains(h), headers);
        }
        assertTrue(r.headers().get("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(r.headers().get("Access-Control-Allow-Methods").contains("DELETE"));
    }

    @Test
    void aPreflightFromAnyOtherOriginOpensNothing() {
        TestServer.Reply r = call("OPTIONS", null, "https://evil.example");
        assertEquals(403, r.status());
        assertNull(r.headers().get("Access-Control-Allow-Origin"));
        assertNull(r.headers().get("Access-Control-Allow-Headers"));
    }

    @Test
    void anApiKeyFromABrowserGetsNoCorsGrant() {
        TestServer.Reply r = call("GET", TestServer.KEY, "https://shop.example");
        assertEquals(200, r.status(), "the key works");
        assertNull(r.headers().get("Access-Control-Allow-Origin"), "but no page may read the answer");
    }

    @Test
    void originsChangeFromTheCommandLineWithoutARestart() {
        TestServer.AppCredentials app = server.createApp("default", "https://one.example");
        String t = server.token(app, "frank", Map.of());
        assertEquals(403, call("GET", t, "https://two.example").status());
        assertEquals(
                0,
                server.command("apps", "origins", app.id(), "--add", "https://two.example")
                        .code());
        assertEquals(
                200,
                call("GET", server.token(app, "frank", Map.of()), "https://two.example")
                        .status());
        assertEquals(
                0,
                server.command("apps", "origins", app.id(), "--remove", "https://one.example")
                        .code());
        assertEquals(
                403,
                call("GET", server.token(app, "frank", Map.of()), "https://one.example")
                        .status());
    }
}
