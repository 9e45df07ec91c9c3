package dev.agentd.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where run_command's processes run (agent.md §2). */
public interface Sandbox {
    /** A process builder for {@code command} in {@code workspace}, with exactly {@code env} as environment. */
    ProcessBuilder command(List<String> command, Path workspace, Map<String, String> env);

    /** The workspace as the command sees it. */
    String workspacePath(Path workspace);

    /** "bwrap" or "none". */
    String name();
}
