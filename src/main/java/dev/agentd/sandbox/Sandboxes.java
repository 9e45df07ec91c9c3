package dev.agentd.sandbox;

import dev.agentd.config.ConfigException;
import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the sandbox for AGENTD_SANDBOX=auto|bwrap|none by trying bubblewrap for real. */
public final class Sandboxes {
    private static final Logger log = LoggerFactory.getLogger(Sandboxes.class);
    private static final CommandLimits PROBE_LIMITS =
            new CommandLimits(16, 256L << 20, 1 << 20, Duration.ofSeconds(10));

    private Sandboxes() {}

    /** {@code hidden}: the server's own folders, which commands must not see. */
    public static Sandbox select(String mode, List<Path> hidden, Path scratch, boolean network) {
        if (mode.equals("none")) return new Unsandboxed();
        Bubblewrap bwrap = new Bubblewrap("bwrap", hidden, network, runningAsRoot());
        String problem = probe(bwrap, scratch);
        if (problem == null) return bwrap;
        if (mode.equals("bwrap")) {
            throw new ConfigException("AGENTD_SANDBOX: 'bwrap' is not usable here (" + problem
                    + "); install the Debian package bubblewrap, or set AGENTD_SANDBOX=none");
        }
        log.warn(
                "bubblewrap is not usable ({}); commands run WITHOUT a sandbox. Install the Debian package "
                        + "bubblewrap, or set AGENTD_SANDBOX=none to silence this warning",
                problem);
        return new Unsandboxed();
    }

    /** The owner of /proc/self is the process's effective user. */
    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Runs {@code true} in the sandbox; null when that works, else why not. */
    private static String probe(Bubblewrap bwrap, Path scratch) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(scratch), "probe");
            Process p = bwrap.start(List.of("/bin/sh", "-c", "true"), new Workspace(dir), Map.of(), PROBE_LIMITS);
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bwrap did not finish";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
                    + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? null : "bwrap failed: " + out;
        } catch (IOException e) {
            return "cannot run bwrap: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (dir != null) dir.toFile().delete();
        }
    }
}
