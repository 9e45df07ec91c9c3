package dev.agentd.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Commands run as the server's user, in the workspace, with a clean environment but no isolation. */
final class Unsandboxed implements Sandbox {
    @Override
    public ProcessBuilder command(List<String> command, Path workspace, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    @Override
    public String workspacePath(Path workspace) {
        return workspace.toAbsolutePath().toString();
    }

    @Override
    public String name() {
        return "none";
    }
}
