package dev.agentd.tools.command;

import java.util.List;

/** Kills a process and everything it started. */
final class ProcessTree {
    private ProcessTree() {}

    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        // children forked while we were killing: look once more
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
