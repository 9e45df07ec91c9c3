package dev.agentd.sandbox;

import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the processes of a task run: run_command's, and later an MCP server's (agent.md §2). */
public interface Sandbox {
    /**
     * Starts {@code command} in {@code workspace} (made if missing) under {@code limits}, with
     * {@code env} as its environment: set inside the sandbox only, never on a host-side process or a
     * command line. The process's stdin is the command's; the caller closes it when it has nothing
     * to send.
     */
    default Process start(List<String> command, Workspace workspace, Map<String, String> env, CommandLimits limits)
            throws IOException {
        return start(command, workspace, env, limits, null);
    }

    /**
     * {@link #start(List, Workspace, Map, CommandLimits)} in {@code workdir}: an absolute host folder
     * (where an MCP server is installed), which the process sees read-only at the same path; a folder
     * of the workspace, relative to its root; or null for the workspace itself.
     *
     * @throws IOException when {@code workdir} leaves the workspace or holds the server's data
     */
    Process start(
            List<String> command, Workspace workspace, Map<String, String> env, CommandLimits limits, String workdir)
            throws IOException;

    /** The workspace as the command sees it. */
    String workspacePath(Workspace workspace);

    /**
     * What every process started here is given before its own variables: PATH, HOME (the workspace
     * as it sees it) and LANG. A new map, for the caller to add to.
     */
    default Map<String, String> baseEnvironment(Workspace workspace) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Bubblewrap.PATH);
        env.put("HOME", workspacePath(workspace));
        env.put("LANG", "C.UTF-8");
        return env;
    }

    /** "bwrap" or "none". */
    String name();
}
