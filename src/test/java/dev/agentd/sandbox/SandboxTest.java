package dev.agentd.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.support.Sse;
import dev.agentd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of("AGENTD_SANDBOX", "bwrap"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs one command through the built-in model and returns its tool result. */
    static JsonNode runCommand(TestServer server, String taskJson) {
        String id = server.createTask(taskJson);
        server.awaitFinished(id);
        try (Sse sse = Sse.open(
                server,
                server.request("/api/v1/tasks/" + id + "/stream?after=0").build())) {
            return sse.events().stream()
                    .filter(f -> f.event().equals("tool_result"))
                    .findFirst()
                    .orElseThrow()
                    .data();
        }
    }

    static JsonNode runCommand(String command) {
        return runCommand(server, TestServer.jsonOf(Map.of("message", "run `" + command + "`")));
    }

    @Test
    void theStartupLineNamesTheSandbox() {
        assertTrue(server.startupOutput().contains("sandbox: bwrap"), server.startupOutput());
    }

    @Test
    void theBuiltInModelRunsACommandAndReportsItsOutput() {
        String id = server.newTask("run `echo hello from the sandbox`");
        JsonNode task = server.awaitFinished(id);
        assertEquals("completed", task.get("status").asText());
        assertTrue(task.get("output").get("content").asText().contains("hello from the sandbox"), task.toString());
        assertEquals(
                "run_command",
                task.get("output").get("toolCalls").get(0).get("toolName").asText());
    }

    @Test
    void theWorkspaceIsTheOnlyWritablePlace() {
        String marker = "agentd-probe-" + UUID.randomUUID();
        JsonNode r = runCommand("pwd; touch made-here.txt; for d in /tmp /root /etc /usr /; do touch $d/" + marker
                + " 2>/dev/null && echo wrote-$d; done; true");
        String out = r.get("output").asText();
        assertTrue(out.contains("/workspace"), out);
        assertTrue(out.contains("wrote-/tmp"), "a private /tmp is writable inside: " + out);
        for (String d : List.of("/root", "/etc", "/usr")) assertFalse(out.contains("wrote-" + d + "\n"), out);
        for (String d : List.of("/tmp", "/root", "/etc", "/usr", "/")) {
            assertFalse(Files.exists(Path.of(d, marker)), "nothing was created in the host's " + d);
        }
    }

    @Test
    void aCommandCannotReachTheServersPort() {
        JsonNode r = runCommand(
                "(echo > /dev/tcp/127.0.0.1/" + server.port() + ") 2>/dev/null && echo reached || echo blocked");
        assertTrue(r.get("output").asText().contains("blocked"), r.toString());
    }

    @Test
    void aCommandSeesOnlyItsOwnProcessesAndACleanEnvironment() {
        JsonNode r = runCommand(
                server,
                TestServer.jsonOf(Map.of(
                        "message",
                        "run `env; ls /proc | grep -c '^[0-9]'`",
                        "env",
                        Map.of("REGION", "eu-west", "TOKEN", "from-env"),
                        "secrets",
                        Map.of("TOKEN", "sekret-value-1"))));
        String out = r.get("output").asText();
        assertTrue(out.contains("REGION=eu-west"), out);
        assertTrue(out.contains("TOKEN=***"), "secrets win over env and are masked: " + out);
        assertTrue(out.contains("PATH=") && out.contains("HOME=/workspace") && out.contains("LANG="), out);
        for (String leak : List.of("AGENTD_", "JAVA_HOME", "MAVEN", "sekret-value-1", "from-env")) {
            assertFalse(out.contains(leak), leak + " leaked into the command: " + out);
        }
        String processes = out.substring(out.indexOf("stdout:"))
                .lines()
                .filter(l -> l.matches("\\d+"))
                .findFirst()
                .orElse("?");
        assertTrue(Integer.parseInt(processes) < 10, "a new PID namespace: " + processes);
    }
}
