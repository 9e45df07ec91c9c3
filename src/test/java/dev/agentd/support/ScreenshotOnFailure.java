package dev.agentd.support;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves the browser's screen to target/screenshots/<class>.<test>.png when a test fails. */
public final class ScreenshotOnFailure implements TestWatcher {
    private final Supplier<Browser> browser;

    public ScreenshotOnFailure(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser b = browser.get();
        if (b == null) return;
        String name = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + ".png";
        b.screenshot(Path.of("target", "screenshots", name));
    }
}
