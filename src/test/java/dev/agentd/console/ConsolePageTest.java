package dev.agentd.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the console and its files are served: the page's policy, its routes, compression and size. */
class ConsolePageTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theConsoleIsServedAtTheRootAndAtItsOwnRoutesUnderAStrictPolicy() {
        for (String path : List.of("/", "/tasks/3f0c2a4e-0000-4000-8000-000000000000", "/some/page")) {
            TestServer.Reply r =
                    server.call(new Request.Builder().url(server.url(path)).build());
            assertEquals(200, r.status(), path);
            assertTrue(r.headers().get("Content-Type").startsWith("text/html"), path);
            assertTrue(r.body().contains("/console/main.js"), path);
            String policy = r.headers().get("Content-Security-Policy");
            assertTrue(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'"), policy);
            assertTrue(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), policy);
            assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
            assertEquals("no-referrer", r.headers().get("Referrer-Policy"));
        }
    }

    @Test
    void unknownApiPathsAndMissingFilesKeepTheErrorEnvelope() {
        for (String path : List.of("/api/v1/nope", "/api/v2/tasks", "/console/missing.js", "/nope.css")) {
            TestServer.Reply r = server.get(path);
            assertEquals(404, r.status(), path);
            assertEquals("NOT_FOUND", r.errorCode(), path);
        }
        assertEquals(
                405,
                server.call(new Request.Builder()
                                .url(server.url("/api/v1/auth/token"))
                                .build())
                        .status());
    }

    @Test
    void everyFileThePagesLoadIsCompressedCachedAndTogetherUnder300KB() throws Exception {
        long total = 0;
        for (String path : assets()) {
            Request request = new Request.Builder()
                    .url(server.url(path))
                    .header("Accept-Encoding", "gzip")
                    .build();
            try (Response r = server.http.newCall(request).execute()) {
                assertEquals(200, r.code(), path);
                assertNotNull(r.header("Cache-Control"), path);
                assertNotNull(r.header("ETag"), path);
                assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
                byte[] body = r.body().bytes();
                if (body.length > 1500) assertEquals("gzip", r.header("Content-Encoding"), path);
                total += body.length;
            }
        }
        assertTrue(total < 300 * 1024, "the console's files weigh " + total + " bytes compressed");
        assertTrue(total > 20 * 1024, "every file was counted: " + total);
    }

    /** Every script and style of the console, the shared modules and the vendored libraries. */
    private static List<String> assets() throws URISyntaxException {
        Path web = Path.of(ConsolePageTest.class.getResource("/web").toURI());
        try (Stream<Path> files = Files.walk(web)) {
            return files.filter(f -> f.toString().matches(".*\\.(js|css|svg)$"))
                    .map(f -> "/" + web.relativize(f).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("/widget"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
