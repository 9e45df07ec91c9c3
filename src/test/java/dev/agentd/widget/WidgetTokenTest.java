package dev.agentd.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.agentd.support.ApiClient;
import dev.agentd.support.TestDatabases;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token exchange, tokens on the Task API, and what one end user can never see of another's. */
class WidgetTokenTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static TestServer.AppCredentials app;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        app = server.createApp("default", "https://shop.example");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply exchange(Map<String, Object> body) {
        return server.postJson("/api/v1/auth/token", TestServer.jsonOf(body));
    }

    private static Map<String, Object> credentials(String endUserId) {
        Map<String, Object> body = new HashMap<>();
        body.put("appId", app.id());
        body.put("appSecret", app.secret());
        body.put("endUserId", endUserId);
        return body;
    }

    private static void assertError(TestServer.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.errorCode(), r.body());
        assertFalse(r.json().get("success").asBoolean());
    }

    @Test
    void aGoodExchangeGivesATokenAndItsExpiry() {
        Instant before = Instant.now();
        TestServer.Reply r = exchange(credentials("alice"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("success").asBoolean());
        assertTrue(r.data().get("token").asText().startsWith("eyJ"));
        Instant expires = Instant.parse(r.data().get("expiresAt").asText());
        assertTrue(Duration.between(before, expires).compareTo(Duration.ofMinutes(59)) > 0, "one hour by default");
        Map<String, Object> shorter = credentials("alice");
        shorter.put("expiresIn", "30m");
        Instant half = Instant.parse(exchange(shorter).data().get("expiresAt").asText());
        assertTrue(Duration.between(before, half).compareTo(Duration.ofMinutes(31)) < 0);
    }

    @Test
    void everyExchangeErrorHasItsCode() {
        Map<String, Object> noSecret = credentials("alice");
        noSecret.remove("appSecret");
        assertError(exchange(noSecret), 400, "MISSING_CREDENTIALS");
        Map<String, Object> noApp = credentials("alice");
        noApp.remove("appId");
        assertError(exchange(noApp), 400, "MISSING_CREDENTIALS");
        Map<String, Object> noUser = credentials("alice");
        noUser.remove("endUserId");
        assertError(exchange(noUser), 400, "MISSING_END_USER_ID");
        Map<String, Object> wrong = credentials("alice");
        wrong.put("appSecret", "appsecret_wrong");
        assertError(exchange(wrong), 401, "INVALID_CREDENTIALS");
        Map<String, Object> unknown = credentials("alice");
        unknown.put("appId", "app_000000000000000000000000");
        assertError(exchange(unknown), 401, "INVALID_CREDENTIALS");
        for (String bad : List.of("1y", "forever", "0h", "9000d")) {
            Map<String, Object> b = credentials("alice");
            b.put("expiresIn", bad);
            assertError(exchange(b), 400, "INVALID_EXPIRES_IN");
        }
        Map<String, Object> env = credentials("alice");
        env.put("env", Map.of("1BAD", "x"));
        assertError(exchange(env), 400, "INVALID_ENV");
        Map<String, Object> secrets = credentials("alice");
        secrets.put("secrets", List.of("not", "an", "object"));
        assertError(exchange(secrets), 400, "INVALID_ENV");
    }

    @Test
    void theSameEndUserIdInAnotherAppOrProjectIsSomeoneElse() {
        ApiClient alice = server.as(server.token(app, "alice-2", Map.of()));
        String id = alice.newTask("What is 2+2?");
        assertEquals(200, alice.get("/api/v1/tasks/" + id).status());
        assertEquals(0, server.command("projects", "create", "other").code());
        for (TestServer.AppCredentials other :
                List.of(server.createApp("default", "https://shop.example"), server.createApp("other"))) {
            ApiClient namesake = server.as(server.token(other, "alice-2", Map.of()));
            assertError(namesake.get("/api/v1/tasks/" + id), 404, "NOT_FOUND");
            assertEquals(
                    0,
                    namesake.get("/api/v1/tasks")
                            .json()
                            .get("pagination")
                            .get("total")
                            .asInt());
        }
    }

    @Test
    void withTokenSigningSwitchedOffTheExchangeIsNotConfigured() {
        try (TestServer off = TestServer.start(dir.resolve("off"), Map.of("AGENTD_WIDGET_TOKENS", "false"))) {
            TestServer.AppCredentials offApp = off.createApp("default", "https://shop.example");
            TestServer.Reply r = off.postJson(
                    "/api/v1/auth/token",
                    TestServer.jsonOf(Map.of("appId", offApp.id(), "appSecret", offApp.secret(), "endUserId", "a")));
            assertError(r, 501, "JWT_NOT_CONFIGURED");
            assertEquals(200, off.get("/api/v1/tasks").status(), "API keys work as ever");
        }
    }

    @Test
    void aTokenServesTheTaskApiButSeesOnlyItsOwnEndUsersTasks() {
        ApiClient alice = server.as(server.token(app, "alice", Map.of()));
        ApiClient bob = server.as(server.token(app, "bob", Map.of()));
        String id = alice.newTask("What is 2+2?");
        JsonNode task = alice.awaitFinished(id);
        assertEquals("completed", task.get("status").asText());
        assertEquals("alice", task.get("username").asText());
        assertNull(task.get("apiKeyId").textValue(), "a widget task has no key");

        String t = "/api/v1/tasks/" + id;
        for (TestServer.Reply r : List.of(
                bob.get(t),
                bob.get(t + "/stream"),
                bob.get(t + "/history"),
                bob.postJson(t + "/messages", "{\"message\":\"hi\"}"),
                bob.postJson(t + "/tools/call_1/approve", "{\"outcome\":\"proceed_once\"}"),
                bob.get(t + "/artifacts"),
                bob.get(t + "/artifacts/download?path=uploads/x.txt"),
                bob.delete(t),
                server.get(t))) {
            assertError(r, 404, "NOT_FOUND");
        }
        assertEquals(
                0,
                bob.get("/api/v1/tasks").json().get("pagination").get("total").asInt());
        assertEquals(
                1,
                alice.get("/api/v1/tasks").json().get("pagination").get("total").asInt());
        String keyTask = server.newTask("What is 1+1?");
        assertError(alice.get("/api/v1/tasks/" + keyTask), 404, "NOT_FOUND");
        ApiClient aliceAgain = server.as(server.token(app, "alice", Map.of()));
        assertEquals(200, aliceAgain.get(t).status(), "a new token of the same end user sees the task");
    }

    @Test
    void forgedExpiredUnsignedAndRevokedTokensAreRefused() throws Exception {
        String good = server.token(app, "carol", Map.of());
        SignedJWT parsed = SignedJWT.parse(good);
        String kid = parsed.getHeader().getKeyID();
        byte[] key = signingKey(kid);
        Instant now = Instant.now();
        JWTClaimsSet valid = parsed.getJWTClaimsSet();

        String forged = sign(new byte[32], kid, valid);
        String expired = sign(
                key,
                kid,
                new JWTClaimsSet.Builder(valid)
                        .issueTime(Date.from(now.minusSeconds(7200)))
                        .notBeforeTime(Date.from(now.minusSeconds(7200)))
                        .expirationTime(Date.from(now.minusSeconds(3600)))
                        .build());
        String notYet = sign(
                key,
                kid,
                new JWTClaimsSet.Builder(valid)
                        .notBeforeTime(Date.from(now.plusSeconds(3600)))
                        .build());
        String otherIssuer =
                sign(key, kid, new JWTClaimsSet.Builder(valid).issuer("someone").build());
        String unsigned = new PlainJWT(valid).serialize();
        for (String token : List.of(forged, expired, notYet, otherIssuer, unsigned, "eyJhbGciOi.garbage.x")) {
            assertError(server.as(token).get("/api/v1/tasks"), 401, "INVALID_TOKEN");
        }
        assertEquals(200, server.as(good).get("/api/v1/tasks").status());
        TestServer.AppCredentials other = server.createApp("default", "https://other.example");
        String doomed = server.token(other, "dave", Map.of());
        assertEquals(200, server.as(doomed).get("/api/v1/tasks").status());
        assertEquals(0, server.command("apps", "revoke", other.id()).code());
        assertError(server.as(doomed).get("/api/v1/tasks"), 401, "INVALID_TOKEN");
        Map<String, Object> again = new HashMap<>(Map.of("appId", other.id(), "appSecret", other.secret()));
        again.put("endUserId", "dave");
        assertError(exchange(again), 401, "INVALID_CREDENTIALS");
    }

    @Test
    void credentialsOfNeitherFormAreAnAuthFormatError() {
        assertError(server.as("Basic-ish").get("/api/v1/tasks"), 401, "INVALID_AUTH_FORMAT");
    }

    private static String sign(byte[] key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(kid)
                        .build(),
                claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static byte[] signingKey(String kid) {
        return TestDatabases.jdbi(dir)
                .withHandle(h -> h.createQuery("SELECT secret FROM signing_keys WHERE id = ?")
                        .bind(0, kid)
                        .mapTo(byte[].class)
                        .one());
    }
}
