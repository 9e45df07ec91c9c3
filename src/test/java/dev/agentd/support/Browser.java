package dev.agentd.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium through its chromedriver. Tests using it are skipped where the two
 * are not installed; CI installs them.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** Where files the page downloads arrive. */
    public Path downloads() {
        return downloads;
    }

    public static Browser start(Path profile) {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium and chromedriver are installed");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--disable-extensions",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        Path downloads = profile.resolve("downloads");
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        return new Browser(new ChromeDriver(service, options), downloads);
    }

    public WebDriver driver() {
        return driver;
    }

    /** The shadow root of the first element matching {@code hostSelector}, once there is one. */
    public SearchContext shadowRoot(String hostSelector) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> driver.findElement(By.cssSelector(hostSelector)).getShadowRoot(), root -> true);
    }

    /** The first element matching {@code css} in {@code context} once it is displayed. */
    public WebElement find(SearchContext context, String css) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> context.findElement(By.cssSelector(css)), WebElement::isDisplayed);
    }

    /** The displayed element matching {@code css} whose accessible name is {@code name}, once there is one. */
    public WebElement named(SearchContext context, String css, String name) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(
                        () -> context.findElements(By.cssSelector(css)).stream()
                                .filter(e -> e.isDisplayed() && name.equals(e.getAccessibleName()))
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
    }

    /** Waits until the text of some element matching {@code css} contains {@code text}. */
    public WebElement awaitText(SearchContext context, String css, String text) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(
                        () -> {
                            List<WebElement> all = context.findElements(By.cssSelector(css));
                            return all.stream()
                                    .filter(e -> e.getText().contains(text))
                                    .findFirst()
                                    .orElse(null);
                        },
                        e -> e != null);
    }

    /** Saves what the browser shows to {@code file}, for a look at a failure. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            // a failed screenshot must not hide the failure it was for
        }
    }

    /** A file the browser can pick, with {@code content}. */
    public static Path file(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
