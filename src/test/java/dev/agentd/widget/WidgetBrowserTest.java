package dev.agentd.widget;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.support.Browser;
import dev.agentd.support.ScreenshotOnFailure;
import dev.agentd.support.ShopSite;
import dev.agentd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;

/**
 * The widget as a shop embeds it: a page on another origin with the two script tags, a token from
 * the shop's own backend, and a chat with the built-in model in real headless Chromium.
 */
class WidgetBrowserTest {
    @TempDir
    static Path dir;

    static TestServer agentd;
    static ShopSite shop;
    static Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    static TestServer.AppCredentials app;

    @BeforeAll
    static void start() {
        browser = Browser.start(dir.resolve("profile"));
        agentd = TestServer.start(dir.resolve("data"), Map.of("AGENTD_BUILTIN_DELAY_MS", "20"));
        shop = new ShopSite(() -> agentd, "10s");
        app = agentd.createApp("default", shop.origin());
        shop.useApp(app);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (shop != null) shop.close();
        if (agentd != null) agentd.close();
    }

    private static SearchContext openWidget(String origin, String user) {
        browser.driver().get(origin + "/shop/" + user);
        SearchContext widget = browser.shadowRoot("agentd-widget");
        browser.find(widget, "button.launcher").click();
        return widget;
    }

    private static void say(SearchContext widget, String text) {
        browser.find(widget, "textarea").sendKeys(text, Keys.ENTER);
    }

    @Test
    void aPageOnAnAllowedOriginChatsStreamsApprovesAndUploadsWithTokensRefreshedBeforeTheyExpire() {
        SearchContext widget = openWidget(shop.origin(), "ada");
        assertEquals(
                "rgba(47, 111, 235, 1)",
                browser.find(widget, "button.launcher").getCssValue("background-color"),
                "the page's CSS does not reach into the widget");

        say(widget, "What is 2+2?");
        browser.awaitText(widget, ".message.assistant", "4");
        int first = shop.tokensServed();
        await().atMost(Duration.ofSeconds(20)).until(() -> shop.tokensServed() > first);

        Path note = Browser.file(dir, "note.txt", "hello from the page");
        widget.findElement(By.cssSelector("input.file-input")).sendKeys(note.toString());
        browser.awaitText(widget, ".files li", "note.txt");
        say(widget, "run `cat uploads/note.txt`");
        browser.find(widget, ".tool[data-status=awaiting_approval] button.approve")
                .click();
        browser.awaitText(widget, ".tool-output", "hello from the page");
        browser.awaitText(widget, ".message.user .attached", "note.txt");

        browser.find(widget, "button[aria-label='New conversation']").click();
        assertTrue(widget.findElements(By.cssSelector(".message")).isEmpty(), "a new conversation starts empty");
        say(widget, "What is 3+4?");
        browser.awaitText(widget, ".message.assistant", "7");
    }

    @Test
    void theSamePageOnAnOriginNotListedIsRefused() {
        SearchContext widget = openWidget(shop.otherOrigin(), "mallory");
        say(widget, "What is 2+2?");
        browser.awaitText(widget, ".notice", "cannot be reached");

        String token = agentd.token(app, "mallory", Map.of());
        TestServer.Reply tasks = agentd.call(new Request.Builder()
                .url(agentd.url("/api/v1/tasks"))
                .header("Authorization", "Bearer " + token)
                .build());
        assertEquals(0, tasks.json().get("pagination").get("total").asInt(), "nothing was created");
    }

    @Test
    void markdownIsRenderedAndSanitized() {
        browser.driver().get(agentd.url("/widget.js"));
        Object html = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        import('/lib/markdown.js').then((m) => done(html(m.renderMarkdown(
                          '**bold** <img src=x onerror="alert(1)"> [link](javascript:alert(1)) <script>alert(2)</script>'))));
                        function html(fragment) { const div = document.createElement('div'); div.append(fragment); return div.innerHTML; }
                        """);
        String rendered = html.toString();
        assertTrue(rendered.contains("<strong>bold</strong>"), rendered);
        assertFalse(rendered.contains("onerror"), rendered);
        assertFalse(rendered.contains("javascript:"), rendered);
        assertFalse(rendered.contains("<script"), rendered);
    }
}
