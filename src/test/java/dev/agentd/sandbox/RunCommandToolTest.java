package dev.agentd.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.secrets.Masker;
import dev.agentd.support.Processes;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolResult;
import dev.agentd.tools.command.RunCommandTool;
import dev.agentd.workspace.Quota;
import dev.agentd.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCommandToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final CommandLimits LIMITS = new CommandLimits(256, 4L << 30, 1L << 30, Duration.ofMinutes(10));

    @TempDir
    Path dir;

    private RunCommandTool tool(String mode) {
        return new RunCommandTool(
                Sandboxes.select(mode, List.of(dir), dir.resolve("tmp"), false), new Quota(1L << 30), LIMITS);
    }

    private ToolResult run(String mode, String command, long timeout) throws Exception {
        ObjectNode args = JSON.createObjectNode().put("command", command).put("timeout_seconds", timeout);
        Path ws = Files.createDirectories(dir.resolve("ws"));
        return tool(mode).run(args, new ToolContext("t", new Workspace(ws), Map.of("GREETING", "hello"), Masker.NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "none"})
    void stdoutStderrAndTheExitCodeAreReported(String mode) throws Exception {
        ToolResult r = run(mode, "echo \"$GREETING out\"; echo err >&2; exit 3", 10);
        assertEquals("error", r.status().wire(), "a failing exit code is an error result");
        assertEquals("exit code: 3\nstdout:\nhello out\n\nstderr:\nerr\n", r.output());
        ToolResult ok = run(mode, "pwd", 10);
        assertEquals("success", ok.status().wire());
        assertTrue(
                ok.output()
                        .contains(
                                mode.equals("bwrap")
                                        ? "/workspace"
                                        : dir.resolve("ws").toString()),
                ok.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "none"})
    void aTimeoutKillsTheWholeProcessTree(String mode) throws Exception {
        String marker = "agentd-" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        ToolResult r = run(mode, "(exec -a " + marker + " sleep 300) & (exec -a " + marker + " sleep 301); echo", 1);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 8000, "the timeout is honoured");
        assertEquals("error", r.status().wire());
        assertTrue(r.output().contains("timed out after 1 s"), r.output());
        Processes.awaitGone(marker, Duration.ofSeconds(1)); // no process of the command is left
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "none"})
    void anInterruptKillsTheCommandAtOnce(String mode) throws Exception {
        String marker = "agentd-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<ToolResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            thread.complete(Thread.currentThread());
            try {
                result.complete(run(mode, "(exec -a " + marker + " sleep 300); echo", 600));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        Processes.awaitStarted(marker);
        thread.get().interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertTrue(e.getCause() instanceof InterruptedException, e.toString());
        Processes.awaitGone(marker, Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bwrap", "none"})
    void outputIsCapped(String mode) throws Exception {
        ToolResult r = run(mode, "head -c 200000 /dev/zero | tr '\\\\0' 'a'", 20);
        assertTrue(r.output().length() < 70_000, "capped: " + r.output().length());
        assertTrue(
                r.output().contains("[output truncated: 200000 bytes"),
                r.output().substring(r.output().length() - 200));
    }
}
