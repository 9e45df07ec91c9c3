package dev.agentd.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentd.support.Browser;
import dev.agentd.support.ScreenshotOnFailure;
import dev.agentd.support.ShopSite;
import dev.agentd.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/** The widget's stream, cut by a server restart, resumes after the last event it saw. */
class WidgetReconnectBrowserTest {
    @TempDir
    static Path dir;

    static int port;
    static volatile TestServer agentd;
    static ShopSite shop;
    static Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        browser = Browser.start(dir.resolve("profile"));
        port = freePort();
        agentd = startAgentd();
        shop = new ShopSite(() -> agentd, "1h");
        shop.useApp(agentd.createApp("default", shop.origin()));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (shop != null) shop.close();
        if (agentd != null) agentd.close();
    }

    /** agentd on the same port and data dir each time, as the page knows it by its address. */
    private static TestServer startAgentd() {
        return TestServer.start(dir.resolve("data"), Map.of("AGENTD_PORT", String.valueOf(port)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStreamCutByARestartGoesOnFromItsLastEventWithNothingShownTwice() {
        browser.driver().get(shop.origin() + "/shop/grace");
        SearchContext widget = browser.shadowRoot("agentd-widget");
        browser.find(widget, "button.launcher").click();
        browser.find(widget, "textarea").sendKeys("run `echo resumed`", Keys.ENTER);
        WebElement tool = browser.find(widget, ".tool[data-status=awaiting_approval]");
        // marks what is on screen now: a stream started over would rebuild the view without it
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].dataset.seen = 'before'", tool);

        agentd.close(); // the open stream ends with the server; the approval waits in the database
        agentd = startAgentd();

        browser.find(widget, ".tool[data-status=awaiting_approval] button.approve")
                .click();
        browser.awaitText(widget, ".tool-output", "resumed");
        browser.awaitText(widget, ".message.assistant", "The command");
        assertEquals(
                1,
                widget.findElements(By.cssSelector(".tool[data-seen=before]")).size(),
                "resumed, not replayed");
        assertEquals(1, widget.findElements(By.cssSelector(".message.user")).size());
        assertEquals(
                1, widget.findElements(By.cssSelector(".message.assistant")).size());
        assertEquals(1, widget.findElements(By.cssSelector(".tool")).size());
        assertEquals(1, widget.findElements(By.cssSelector(".tool-output")).size());
        assertEquals(0, widget.findElements(By.cssSelector(".error")).size());
    }
}
