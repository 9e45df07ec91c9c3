package dev.agentd.tools.command;

import java.util.List;

/** Kills a process and everything it started. */
public final class ProcessTree {
    private ProcessTree() {}

    /**
     * The process itself first (under bubblewrap its death takes the whole sandbox with it at once),
     * then whatever it started, which outside a sandbox would live on.
     */
    public static void kill(Process process) {
        List<ProcessHandle> children = process.children().toList();
        process.toHandle().destroyForcibly();
        for (ProcessHandle child : children) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }
}
