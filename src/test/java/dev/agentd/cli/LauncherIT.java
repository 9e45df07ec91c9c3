package dev.agentd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentd.config.Setting;
import dev.agentd.support.ApiClient;
import dev.agentd.support.JarProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/agentd as a user runs it: it finds its own JDK, says what it does, and fails in one clear line. */
class LauncherIT {
    @TempDir
    Path dir;

    private record Result(int code, String output) {
        boolean oneLine() {
            return output.strip().lines().count() == 1;
        }
    }

    /** Runs bin/agentd with a PATH whose java is not the one the build used, and no AGENTD_ variables. */
    private Result agentd(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bin/agentd"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AGENTD_") || k.equals("JAVA_HOME"));
        pb.environment().put("AGENTD_DATA_DIR", dir.resolve("data").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/agentd did not exit: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Result agentd(String... args) throws IOException, InterruptedException {
        return agentd(Map.of(), args);
    }

    @Test
    void helpListsEveryOptionWithItsVariableAndDefault() throws Exception {
        Result help = agentd("--help");
        assertEquals(0, help.code(), help.output());
        for (Setting s : Setting.values()) {
            assertTrue(
                    help.output().contains(s.flag()) && help.output().contains(s.env()),
                    s + " is missing: " + help.output());
        }
        assertTrue(help.output().contains("AGENTD_PORT (default 8080)"), help.output());
        assertTrue(agentd("serve", "--help").output().contains("AGENTD_WORKSPACE_QUOTA"));
        Result version = agentd("--version");
        assertEquals(0, version.code());
        assertTrue(version.output().matches("agentd \\d+\\.\\d+\\.\\d+\\s*"), version.output());
        Result keysHelp = agentd("keys", "--help");
        assertEquals(0, keysHelp.code());
        assertTrue(keysHelp.output().contains("keys create --name NAME"), keysHelp.output());
    }

    @Test
    void anUnknownOptionCommandOrSettingStopsWithTheClosestKnownName() throws Exception {
        Result flag = agentd("--prot", "9000");
        assertEquals(2, flag.code());
        assertTrue(
                flag.oneLine()
                        && flag.output().contains("--prot")
                        && flag.output().contains("did you mean --port?"),
                flag.output());
        Result command = agentd("kyes", "list");
        assertEquals(2, command.code());
        assertTrue(command.output().contains("unknown command 'kyes' (did you mean keys?)"), command.output());
        Result variable = agentd(Map.of("AGENTD_MAX_FILE", "3"), "--version");
        assertEquals(0, variable.code(), "--version reads no settings");
        Result serving = agentd(Map.of("AGENTD_MAX_FILE", "3"));
        assertEquals(2, serving.code());
        assertTrue(
                serving.output().contains("AGENTD_MAX_FILE") && serving.output().contains("AGENTD_MAX_FILES"),
                serving.output());
    }

    @Test
    void startUpFailuresAreOneLineNamingTheSettingAndMakeNoKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Result inUse = agentd("--port", String.valueOf(taken.getLocalPort()));
            assertNotEquals(0, inUse.code());
            assertTrue(
                    inUse.oneLine()
                            && inUse.output().contains("AGENTD_PORT")
                            && inUse.output().contains("in use"),
                    inUse.output());
            assertFalse(inUse.output().contains("sigmic_"), "no key was shown");
        }
        Result keys = agentd("keys", "list");
        assertEquals(0, keys.code(), keys.output());
        assertEquals(2, keys.output().strip().lines().count(), "the failed start made no key: " + keys.output());

        Result host = agentd("--host", "no-such-host.invalid", "--port", "0");
        assertTrue(host.code() != 0 && host.oneLine() && host.output().contains("AGENTD_HOST"), host.output());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Result dataDir = agentd("--data-dir", file.resolve("data").toString(), "--port", "0");
        assertTrue(
                dataDir.code() != 0 && dataDir.oneLine() && dataDir.output().contains("AGENTD_DATA_DIR"),
                dataDir.output());
        Result bad = agentd("--heartbeat", "often");
        assertTrue(bad.code() != 0 && bad.oneLine() && bad.output().contains("AGENTD_HEARTBEAT"), bad.output());
        for (Result r : List.of(host, dataDir, bad)) assertFalse(r.output().contains("\tat "), r.output());
    }

    @Test
    void aSecondServerOnAHeldDataDirIsRefusedUntilTheFirstIsGone() throws Exception {
        Path data = dir.resolve("data");
        JarProcess first = JarProcess.start(data, Map.of());
        try {
            Result second = agentd("--port", "0");
            assertNotEquals(0, second.code());
            assertTrue(
                    second.oneLine() && second.output().contains("in use by another agentd (pid " + first.pid() + ")"),
                    second.output());
            Result keys = agentd("keys", "create", "--name", "beside-a-server");
            assertEquals(0, keys.code(), "keys commands work beside a running server: " + keys.output());
            assertTrue(keys.output().contains("data dir: " + data), keys.output());
        } finally {
            first.kill();
        }
        try (JarProcess again = JarProcess.start(data, Map.of())) {
            ApiClient api = again.client();
            assertEquals(200, api.get("/health").status(), "a SIGKILL let go of the data dir");
        }
    }
}
