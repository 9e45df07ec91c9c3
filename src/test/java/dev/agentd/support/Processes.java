package dev.agentd.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** This machine's processes whose command line carries a marker a test gave them. */
public final class Processes {
    private Processes() {}

    public static long withMarker(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .count();
    }

    /** Waits until a process with {@code marker} runs. */
    public static void awaitStarted(String marker) {
        await().alias("a process marked " + marker + " starts")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> withMarker(marker) > 0);
    }

    /** Waits, at most {@code within}, until no process with {@code marker} is left. */
    public static void awaitGone(String marker, Duration within) {
        await().alias("every process marked " + marker + " is gone")
                .atMost(within)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> withMarker(marker) == 0);
    }
}
