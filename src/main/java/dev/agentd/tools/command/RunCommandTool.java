package dev.agentd.tools.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.config.Sizes;
import dev.agentd.domain.ToolCallStatus;
import dev.agentd.model.ToolSpec;
import dev.agentd.sandbox.CommandLimits;
import dev.agentd.sandbox.Sandbox;
import dev.agentd.tools.Args;
import dev.agentd.tools.Schema;
import dev.agentd.tools.Tool;
import dev.agentd.tools.ToolBox;
import dev.agentd.tools.ToolContext;
import dev.agentd.tools.ToolFailure;
import dev.agentd.tools.ToolResult;
import dev.agentd.workspace.Quota;
import dev.agentd.workspace.UsageWatch;
import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * run_command: {@code bash -c} in the workspace, in the sandbox, with a clean environment (PATH,
 * HOME, LANG, then the task's env and secrets), under the command limits. While it runs it is
 * watched: the whole tree is killed on timeout, on cancel, and when the workspace goes over its
 * quota; a limit that stopped it is named in the result.
 */
public final class RunCommandTool implements Tool {
    static final long DEFAULT_TIMEOUT = 120;
    static final long MAX_TIMEOUT = 600;
    private static final long WATCH_MILLIS = 50;
    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long COUNT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Sandbox sandbox;
    private final Quota quota;
    private final CommandLimits limits;

    public RunCommandTool(Sandbox sandbox, Quota quota, CommandLimits limits) {
        this.sandbox = sandbox;
        this.quota = quota;
        this.limits = limits;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "run_command",
                "Run a shell command with bash -c in the workspace (/workspace); returns "
                        + "stdout, stderr and the exit code.",
                Schema.object()
                        .property("command", "string", "The command line", true)
                        .property(
                                "timeout_seconds", "integer", "Time limit in seconds (default 120, at most 600)", false)
                        .build());
    }

    @Override
    public ToolResult run(ObjectNode arguments, ToolContext context) throws InterruptedException {
        Args args = new Args(arguments);
        String command = args.required("command");
        long timeout = args.number("timeout_seconds", DEFAULT_TIMEOUT);
        if (timeout < 1) throw new ToolFailure("timeout_seconds must be at least 1");
        timeout = Math.min(timeout, MAX_TIMEOUT);
        Workspace workspace = context.workspace();
        long left = quota.limit() - workspace.used();
        if (left <= 0) {
            throw new ToolFailure("the workspace is full (quota " + Sizes.human(quota.limit())
                    + ", AGENTD_WORKSPACE_QUOTA); delete files before running commands");
        }
        Process process;
        try {
            process = sandbox.start(
                    List.of("/bin/bash", "-c", command),
                    workspace,
                    environment(context),
                    limits.withFileSizeAtMost(left));
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CappedOutput stdout = new CappedOutput(process.getInputStream(), ToolBox.OUTPUT_CAP / 2, context.masker());
        CappedOutput stderr = new CappedOutput(process.getErrorStream(), ToolBox.OUTPUT_CAP / 2, context.masker());
        Stop stop;
        try {
            stop = watch(process, workspace, TimeUnit.SECONDS.toNanos(timeout));
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            throw e;
        }
        if (stop != null) ProcessTree.kill(process);
        stdout.await(2000);
        stderr.await(2000);
        String report = "stdout:\n" + stdout.text(context.masker()) + "\nstderr:\n" + stderr.text(context.masker());
        if (stop == Stop.TIMEOUT) {
            return ToolResult.error("the command timed out after " + timeout + " s and was killed\n" + report);
        }
        if (stop == null && workspace.used() > quota.limit()) stop = Stop.QUOTA; // it ended between two looks
        if (stop == Stop.QUOTA) {
            return ToolResult.error("the command was stopped: the workspace went over its quota of "
                    + Sizes.human(quota.limit()) + " (AGENTD_WORKSPACE_QUOTA)\n" + report);
        }
        if (stop == Stop.PROCESSES) {
            return ToolResult.error("the command was stopped: it reached its limit of " + limits.maxProcesses()
                    + " processes (AGENTD_COMMAND_MAX_PROCESSES)\n" + report);
        }
        int exit = process.exitValue();
        String limit = limitHit(exit, stderr, left);
        String text = "exit code: " + exit + "\n" + (limit == null ? "" : "limit: " + limit + "\n") + report;
        return exit == 0 && limit == null ? ToolResult.success(text) : new ToolResult(ToolCallStatus.ERROR, text);
    }

    private enum Stop {
        TIMEOUT,
        QUOTA,
        PROCESSES
    }

    /**
     * Waits for the process, following the workspace's changes meanwhile (a change is measured
     * within milliseconds, and the workspace at least every second) and its process count; why it
     * must be stopped, or null when it ended by itself.
     */
    private Stop watch(Process process, Workspace workspace, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        long nextCount = 0;
        long nextMeasure = System.nanoTime() + MEASURE_NANOS;
        try (UsageWatch usage = new UsageWatch(workspace)) {
            while (process.isAlive()) {
                long now = System.nanoTime();
                if (now - deadline >= 0) return Stop.TIMEOUT;
                if (usage.awaitChange(Math.min(WATCH_MILLIS, Math.max(1, (deadline - now) / 1_000_000)))) {
                    nextMeasure = System.nanoTime() + MEASURE_NANOS;
                } else if (System.nanoTime() - nextMeasure >= 0) {
                    usage.measure();
                    nextMeasure = System.nanoTime() + MEASURE_NANOS;
                }
                if (usage.used() > quota.limit()) return Stop.QUOTA;
                if (System.nanoTime() - nextCount >= 0) {
                    nextCount = System.nanoTime() + COUNT_NANOS;
                    if (process.descendants().limit(limits.maxProcesses()).count() >= limits.maxProcesses()) {
                        return Stop.PROCESSES;
                    }
                }
            }
        }
        return null;
    }

    /** Which limit the kernel enforced, told from the exit status and what the command printed; null when none. */
    private String limitHit(int exit, CappedOutput stderr, long quotaLeft) {
        if (exit == 128 + 24 || stderr.contains("CPU time limit exceeded")) {
            return "CPU time limit of " + limits.maxCpuTime().toSeconds() + " s reached (AGENTD_COMMAND_MAX_CPU_TIME)";
        }
        if (exit == 128 + 25 || stderr.contains("File size limit exceeded")) {
            boolean quotaBound = quotaLeft < limits.maxFileSize();
            return "file size limit of " + Sizes.human(Math.min(quotaLeft, limits.maxFileSize())) + " reached ("
                    + (quotaBound ? "what was left of AGENTD_WORKSPACE_QUOTA" : "AGENTD_COMMAND_MAX_FILE_SIZE") + ")";
        }
        if (stderr.contains("fork: Resource temporarily unavailable")
                || stderr.contains("fork: retry: Resource temporarily")) {
            return "process limit of " + limits.maxProcesses() + " reached (AGENTD_COMMAND_MAX_PROCESSES)";
        }
        if (stderr.contains("Cannot allocate memory")
                || stderr.contains("MemoryError")
                || stderr.contains("out of memory")) {
            return "memory limit of " + Sizes.human(limits.maxMemory()) + " reached (AGENTD_COMMAND_MAX_MEMORY)";
        }
        return null;
    }

    private Map<String, String> environment(ToolContext context) {
        Map<String, String> env = sandbox.baseEnvironment(context.workspace());
        env.putAll(context.env());
        return env;
    }
}
