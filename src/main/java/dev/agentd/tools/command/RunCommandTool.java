package dev.agentd.tools.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.model.ToolSpec;
import dev.agentd.sandbox.Sandbox;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * run_command: {@code bash -c} in the workspace, in the sandbox, with a clean environment (PATH,
 * HOME, LANG, then the task's env and secrets). On timeout or cancel the whole tree is killed.
 */
public final class RunCommandTool implements Tool {
    static final long DEFAULT_TIMEOUT = 120;
    static final long MAX_TIMEOUT = 600;
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Sandbox sandbox;

    public RunCommandTool(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec("run_command", "Run a shell command with bash -c in the workspace (/workspace); returns "
                + "stdout, stderr and the exit code.",
                Schema.object().property("command", "string", "The command line", true)
                        .property("timeout_seconds", "integer", "Time limit in seconds (default 120, at most 600)", false)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) throws InterruptedException {
        Args args = new Args(arguments);
        String command = args.required("command");
        long timeout = args.number("timeout_seconds", DEFAULT_TIMEOUT);
        if (timeout < 1) throw new ToolFailure("timeout_seconds must be at least 1");
        timeout = Math.min(timeout, MAX_TIMEOUT);
        Process process;
        try {
            process = sandbox.command(List.of("/bin/bash", "-c", command), context.workspace(), environment(context))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CappedOutput stdout = new CappedOutput(process.getInputStream(), ToolBox.OUTPUT_CAP / 2);
        CappedOutput stderr = new CappedOutput(process.getErrorStream(), ToolBox.OUTPUT_CAP / 2);
        boolean finished;
        try {
            finished = process.waitFor(timeout, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            throw e;
        }
        if (!finished) ProcessTree.kill(process);
        stdout.await(2000);
        stderr.await(2000);
        String report = "stdout:\n" + stdout.text() + "\nstderr:\n" + stderr.text();
        if (!finished) {
            return ToolResult.error("the command timed out after " + timeout + " s and was killed\n" + report);
        }
        int exit = process.exitValue();
        String text = "exit code: " + exit + "\n" + report;
        return exit == 0 ? ToolResult.success(text) : new ToolResult("error", text);
    }

    private Map<String, String> environment(ToolContext context) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", sandbox.workspacePath(context.workspace()));
        env.put("LANG", "C.UTF-8");
        env.putAll(context.env());
        return env;
    }
}
