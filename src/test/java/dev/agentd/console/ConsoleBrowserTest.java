package dev.agentd.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.ApiClient;
import dev.agentd.support.Browser;
import dev.agentd.support.ScreenshotOnFailure;
import dev.agentd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The console in headless Chromium against the real app, with the built-in model paced slowly. */
class ConsoleBrowserTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        browser = Browser.start(dir.resolve("profile"));
        server = TestServer.start(dir.resolve("data"), Map.of("AGENTD_BUILTIN_DELAY_MS", "40"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static WebDriver page() {
        return browser.driver();
    }

    private static Object script(String js, Object... args) {
        return ((JavascriptExecutor) page()).executeScript(js, args);
    }

    /**
     * The console's home page, signed in with the server's key: signed out first, since an earlier
     * test may have left another key, or none, and the page decides only once its modules ran.
     */
    private static void home() {
        signedOut();
        browser.find(page(), "#key").sendKeys(ApiClient.KEY, Keys.ENTER);
        browser.find(page(), ".new-task");
    }

    /** The console's sign-in page, with no key kept from an earlier test. */
    private static void signedOut() {
        page().get(server.url("/"));
        script("sessionStorage.clear()");
        page().navigate().refresh();
    }

    /** Creates a task from the home page's form and waits for its page. */
    private static String newTask(String message, boolean autoExecute) {
        home();
        if (!autoExecute) browser.find(page(), "#auto-execute").click();
        browser.named(page(), "textarea", "Message").sendKeys(message);
        browser.named(page(), "button", "Send").click();
        await().until(() -> page().getCurrentUrl().contains("/tasks/"));
        return page().getCurrentUrl().replaceFirst(".*/tasks/", "");
    }

    private static void awaitStatus(String label) {
        browser.awaitText(page(), ".task-head .badge", label);
    }

    @Test
    void aWrongKeyShowsTheApiMessageAndSignOutForgetsTheKey() {
        signedOut();
        WebElement key = browser.named(page(), "input", "API key");
        key.sendKeys("sigmic_" + "f".repeat(64), Keys.ENTER);
        String message = server.as("sigmic_" + "f".repeat(64))
                .get("/api/v1/tasks")
                .json()
                .get("error")
                .get("message")
                .asText();
        browser.awaitText(page(), ".signin .form-error", message);

        key.clear();
        key.sendKeys(ApiClient.KEY, Keys.ENTER);
        browser.find(page(), ".new-task");
        assertEquals(ApiClient.KEY, script("return sessionStorage.getItem('agentd-console:key')"));
        assertEquals(0L, script("return localStorage.length"), "the key is kept in this tab only");
        assertTrue(!page().getCurrentUrl().contains("sigmic_"));

        browser.find(page(), ".top button.link").click();
        browser.named(page(), "input", "API key");
        assertEquals(null, script("return sessionStorage.getItem('agentd-console:key')"));
    }

    @Test
    void aDroppedCsvIsReadByATaskWhoseToolCallTextAndEndAreShownAndItsFileDownloads() throws Exception {
        home();
        WebElement form = browser.find(page(), ".new-task");
        script("""
                const [target, name, content] = arguments;
                const files = new DataTransfer();
                files.items.add(new File([content], name, { type: 'text/csv' }));
                for (const type of ['dragenter', 'dragover', 'drop'])
                  target.dispatchEvent(new DragEvent(type, { dataTransfer: files, bubbles: true, cancelable: true }));
                """, form, "people.csv", "name,age\nAda,36\nGrace,45\n");
        browser.awaitText(page(), ".new-task .file-list li", "people.csv");
        browser.named(page(), "textarea", "Message").sendKeys("read uploads/people.csv", Keys.ENTER);

        browser.awaitText(page(), ".tool .tool-name", "read_file");
        browser.find(page(), ".tool[data-status=success]");
        awaitStatus("Completed");
        browser.awaitText(page(), ".message.user .attached", "people.csv");
        browser.awaitText(page(), ".message.assistant .markdown", "people.csv");

        WebElement artifacts = browser.named(page(), "aside", "Artifacts");
        browser.awaitText(artifacts, ".file-name", "uploads/people.csv");
        browser.named(artifacts, "button", "Download uploads/people.csv").click();
        Path downloaded = browser.downloads().resolve("people.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(downloaded));
        assertEquals("name,age\nAda,36\nGrace,45\n", Files.readString(downloaded));

        browser.awaitText(artifacts, ".file-name", "uploads/people.csv").click();
        browser.awaitText(artifacts, ".preview td", "Grace");
    }

    @Test
    void aFollowUpUsesTheEarlierAnswer() {
        newTask("What is 2+2?", true);
        awaitStatus("Completed");
        browser.awaitText(page(), ".message.assistant", "4");
        browser.named(page(), "textarea", "Message").sendKeys("multiply that by 10", Keys.ENTER);
        browser.awaitText(page(), ".message.assistant", "40");
        awaitStatus("Completed");
        assertEquals(2, page().findElements(By.cssSelector(".message.user")).size());

        browser.named(page(), "a", "← All tasks").click();
        WebElement link = browser.find(page(), ".task-list a");
        assertTrue(link.getAccessibleName().startsWith("What is 2+2?"), link.getAccessibleName());
    }

    @Test
    void theListUpdatesWhileOpenFiltersByStatusAndPages() {
        String key = server.createKey("lister");
        ApiClient mine = server.as(key);
        signedOut();
        browser.named(page(), "input", "API key").sendKeys(key, Keys.ENTER);
        browser.awaitText(page(), ".task-list", "No tasks yet.");

        String waiting = mine.manualTask("run `echo waiting`");
        browser.awaitText(page(), ".task-list a", "run `echo waiting`");
        for (int i = 0; i < 21; i++) mine.newTask("What is " + i + "+1?");
        browser.awaitText(page(), ".pager", "1–20 of 22");
        browser.named(page(), "button", "Next").click();
        browser.awaitText(page(), ".pager", "21–22 of 22");

        mine.awaitPendingCall(waiting);
        browser.find(page(), "#status-filter").sendKeys("Awaiting approval");
        browser.awaitText(page(), ".pager", "1–1 of 1");
        browser.awaitText(page(), ".task-list .badge", "Awaiting approval");
    }

    @Test
    void anApprovalClickedInThePageLetsTheRunFinish() {
        newTask("run `echo approved-here`", false);
        awaitStatus("Awaiting approval");
        browser.named(page(), "button", "Always allow");
        browser.named(page(), "button", "Reject");
        browser.named(page(), "button", "Approve once").click();
        browser.awaitText(page(), ".tool-output", "approved-here");
        awaitStatus("Completed");
        assertTrue(page().findElements(By.cssSelector(".approval")).isEmpty(), "the buttons are gone once answered");
    }

    @Test
    void aDelegationShowsItsSubagentAtWorkAndHowItEnded() {
        newTask("delegate to code-writer: run `sleep 1; echo from-the-subagent`", true);
        WebElement group = browser.named(page(), "div", "Subagent code-writer");
        browser.awaitText(group, ".subagent-objective", "run `sleep 1; echo from-the-subagent`");
        browser.awaitText(group, ".subagent-tool .tool-output", "from-the-subagent");
        browser.awaitText(group, ".subagent-state", "done");
        awaitStatus("Completed");
    }

    @Test
    void cancelStopsABusyTask() {
        String id = newTask("run `sleep 30`", true);
        awaitStatus("Running");
        browser.named(page(), "button", "Cancel").click();
        awaitStatus("Cancelled");
        browser.awaitText(page(), ".transcript .error", "ancel");
        await().until(() ->
                !page().findElement(By.cssSelector(".task-head button.danger")).isDisplayed());
        assertEquals(
                "cancelled",
                server.get("/api/v1/tasks/" + id).data().get("status").asText());
    }

    @Test
    void aReloadInTheMiddleOfARunShowsItWholeAndLiveWithNothingTwice() {
        String id = newTask("Tell me about yourself", true);
        browser.awaitText(page(), ".message.assistant .markdown", "You said");
        assertEquals(
                "running",
                server.get("/api/v1/tasks/" + id).data().get("status").asText(),
                "still streaming");
        page().navigate().refresh();
        awaitStatus("Completed");
        JsonNode task = server.get("/api/v1/tasks/" + id).data();
        String finalText = task.get("output").get("content").asText();
        String shown = browser.find(page(), ".message.assistant .markdown").getText();
        assertEquals(
                normalize(finalText.replaceAll("<[^>]*>", "")), normalize(shown), "the tag-like <model> is dropped");
        assertEquals(
                1, page().findElements(By.cssSelector(".message.assistant")).size());
    }

    private static String normalize(String text) {
        return text.replaceAll("[`*]", "").replaceAll("\\s+", " ").strip();
    }

    @Test
    void markupInMessagesAndToolOutputExecutesNothing() {
        newTask(
                "<img src=x onerror=\"window.pwned='img'\"> <script>window.pwned='script'</script> "
                        + "[click me](javascript:window.pwned='link') ![remote](http://127.0.0.1:9/x.png)",
                true);
        awaitStatus("Completed");
        browser.awaitText(page(), ".message.assistant", "click me");
        assertNothingRan();

        newTask("run `echo '<img src=x onerror=window.pwned=1><script>window.pwned=2</script>'`", true);
        awaitStatus("Completed");
        browser.awaitText(page(), ".tool-output", "<script>");
        assertNothingRan();
    }

    /** Clicks every link of the conversation, then asks the page whether anything ran or could. */
    private static void assertNothingRan() {
        script("document.querySelectorAll('.transcript a:not([target])').forEach((a) => a.click())");
        assertEquals(
                0L,
                script("return document.querySelectorAll('.transcript script, .transcript [onerror], "
                        + ".transcript img, .transcript a[href^=\"javascript\"]').length"));
        assertEquals(null, script("return window.pwned ?? null"));
    }
}
