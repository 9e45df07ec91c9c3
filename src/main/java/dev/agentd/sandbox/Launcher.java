package dev.agentd.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first program of every sandboxed process, run by bash inside the sandbox as the sandbox's
 * user: it goes to the working folder, reads the task's variables from stdin (NUL-separated {@code NAME=value} records ending
 * with an empty one), exports them, sets the process limits, and execs the real command with the
 * rest of stdin. So the task's variables exist only inside the sandbox: no host-side process (the
 * launcher of the sandbox, a privilege-dropping helper) ever runs with them, and they appear on no
 * command line.
 */
final class Launcher {
    private static final String SCRIPT = String.join(
            "\n",
            "while IFS= read -r -d '' kv; do",
            "  [ -z \"$kv\" ] && break",
            "  export -- \"$kv\" 2>/dev/null",
            "done",
            "cd -- \"$1\" || exit 126",
            "[ \"$2\" -gt 0 ] && ulimit -u \"$2\"",
            "ulimit -d \"$3\" -f \"$4\"",
            "ulimit -S -t \"$5\"; ulimit -H -t \"$(( $5 + 5 ))\"",
            "shift 5",
            "exec \"$@\"");

    private Launcher() {}

    /**
     * bash running the launcher for {@code command} in {@code workdir}; {@code limitProcesses} false leaves the process count
     * to the caller (outside a user namespace the count would include every process of the user).
     */
    static List<String> command(List<String> command, String workdir, CommandLimits limits, boolean limitProcesses) {
        List<String> args = new ArrayList<>(List.of(
                "/bin/bash",
                "-c",
                SCRIPT,
                "agentd-launch",
                workdir,
                String.valueOf(limitProcesses ? limits.maxProcesses() : 0),
                String.valueOf(Math.max(1, limits.maxMemory() / 1024)),
                String.valueOf(limits.maxFileSize() / 1024),
                String.valueOf(Math.max(1, limits.maxCpuTime().toSeconds()))));
        args.addAll(command);
        return args;
    }

    /** Writes {@code env} as the launcher reads it. */
    static void writeEnvironment(OutputStream stdin, Map<String, String> env) throws IOException {
        StringBuilder records = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            records.append(e.getKey()).append('=').append(e.getValue()).append('\0');
        }
        records.append('\0');
        stdin.write(records.toString().getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
