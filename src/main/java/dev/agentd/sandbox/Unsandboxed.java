package dev.agentd.sandbox;

import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * AGENTD_SANDBOX=none: commands run as the server's user, in the workspace, with a clean environment
 * and the limits that need no namespace (memory, file size, CPU time), but no isolation.
 */
final class Unsandboxed implements Sandbox {
    @Override
    public Process start(
            List<String> command, Workspace workspace, Map<String, String> env, CommandLimits limits, String workdir)
            throws IOException {
        workspace.create();
        Path dir = Workdirs.onHost(workspace, workdir);
        ProcessBuilder pb =
                new ProcessBuilder(Launcher.command(command, dir.toString(), limits, false)).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", Bubblewrap.PATH);
        Process process = pb.start();
        Launcher.writeEnvironment(process.getOutputStream(), env);
        return process;
    }

    @Override
    public String workspacePath(Workspace workspace) {
        return workspace.root().toString();
    }

    @Override
    public String name() {
        return "none";
    }
}
