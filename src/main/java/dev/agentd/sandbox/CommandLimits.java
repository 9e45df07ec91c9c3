package dev.agentd.sandbox;

import java.time.Duration;

/**
 * What one sandboxed process may use (AGENTD_COMMAND_MAX_*): processes, memory, the size of any one
 * file it writes, and CPU time. The kernel enforces them; a command that hits one is told which.
 */
public record CommandLimits(int maxProcesses, long maxMemory, long maxFileSize, Duration maxCpuTime) {
    /** The same limits with the file size capped at {@code bytes} (what is left of the workspace quota). */
    public CommandLimits withFileSizeAtMost(long bytes) {
        return new CommandLimits(maxProcesses, maxMemory, Math.max(0, Math.min(maxFileSize, bytes)), maxCpuTime);
    }
}
