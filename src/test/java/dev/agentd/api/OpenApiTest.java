package dev.agentd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.ApiClient;
import dev.agentd.support.Browser;
import dev.agentd.support.OpenApiContract;
import dev.agentd.support.ScreenshotOnFailure;
import dev.agentd.support.TestServer;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The API's OpenAPI 3.1 description: served without a key, valid, complete, and rendered at /docs. */
class OpenApiTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        server.close();
    }

    @Test
    void theDescriptionIsServedWithoutAKeyAndIsValidOpenApi31() {
        ApiClient.Reply r = server.call(
                new Request.Builder().url(server.url("/api/v1/openapi.json")).build());
        assertEquals(200, r.status());
        assertTrue(r.headers().get("Content-Type").startsWith("application/json"));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
        assertEquals(SpecVersion.V31, parsed.getOpenAPI().getSpecVersion());
        assertEquals(java.util.List.of(), parsed.getMessages(), "the parser's complaints");
        assertEquals(OpenApiContract.document(), r.json(), "what is served is the document in the repo");
    }

    @Test
    void everyRouteTheServerAnswersIsDescribedAndNothingElse() {
        Set<String> served = new TreeSet<>(server.routes());
        served.remove("GET /docs"); // the page that renders the description
        assertEquals(served, new TreeSet<>(OpenApiContract.operations()));
    }

    @Test
    void aResponseUnlikeItsDescriptionFailsTheTestThatReceivesIt() {
        AssertionError wrongStatus = assertThrows(
                AssertionError.class,
                () -> OpenApiContract.check(
                        "GET", "/api/v1/tasks/x", 200, "application/json", "{\"success\":true,\"data\":{\"id\":1}}"));
        assertTrue(wrongStatus.getMessage().contains("GET /api/v1/tasks/{id} → 200"), wrongStatus.getMessage());
        AssertionError undescribed = assertThrows(
                AssertionError.class, () -> OpenApiContract.check("GET", "/health", 418, "application/json", "{}"));
        assertTrue(undescribed.getMessage().contains("not described"), undescribed.getMessage());
        OpenApiContract.check(
                "GET", "/health", 200, "application/json", "{\"success\":true,\"data\":{\"status\":\"ok\"}}");
    }

    @Test
    void aStreamEventUnlikeItsDescriptionFailsTheTestThatReadsIt() {
        OpenApiContract.checkEvent("content", "{\"text\":\"Hi\",\"isPartial\":true}");
        AssertionError wrong =
                assertThrows(AssertionError.class, () -> OpenApiContract.checkEvent("content", "{\"text\":3}"));
        assertTrue(wrong.getMessage().startsWith("event content does not match"), wrong.getMessage());
        AssertionError unnamed = assertThrows(AssertionError.class, () -> OpenApiContract.checkEvent("surprise", "{}"));
        assertTrue(unnamed.getMessage().contains("does not name"), unnamed.getMessage());
    }

    @Test
    void theReferencePageRendersEveryOperationInABrowser() {
        ApiClient.Reply page =
                server.call(new Request.Builder().url(server.url("/docs")).build());
        assertEquals(200, page.status());
        assertTrue(page.headers().get("Content-Security-Policy").contains("script-src 'self'"));
        assertEquals(
                200,
                server.call(new Request.Builder()
                                .url(server.url("/docs/assets/swagger-ui-bundle.js"))
                                .build())
                        .status());

        browser = Browser.start(dir.resolve("profile"));
        browser.driver().get(server.url("/docs"));
        browser.awaitText(browser.driver(), ".info .title", "agentd");
        // every operation has its block, shown as METHOD and path
        Set<String> described = new TreeSet<>(OpenApiContract.operations());
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            Set<String> shown = new TreeSet<>();
            for (var block : browser.driver().findElements(By.cssSelector(".opblock-summary"))) {
                shown.add(block.findElement(By.cssSelector(".opblock-summary-method"))
                                .getText() + " "
                        + block.findElement(By.cssSelector(".opblock-summary-path"))
                                .getAttribute("data-path"));
            }
            assertTrue(shown.containsAll(described), "shown " + shown + ", described " + described);
        });
    }
}
