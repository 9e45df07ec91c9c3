package dev.agentd.sandbox;

import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bubblewrap: an empty read-only root with only the host's system folders bound read-only (no
 * home, no /run, no /var, no host /tmp, so no host socket either), the data dir hidden by its real
 * path should it lie below one of them, a private /dev, /proc and /tmp (in memory, at most the
 * command's memory limit), the workspace
 * read-write at /workspace (the working directory), new PID, IPC, UTS and (unless allowed) network
 * namespaces, a new session, and death with the parent. The command runs as an unprivileged user in
 * a user namespace of its own with no capabilities: the server's own user when it is not root; when
 * it is, uid/gid {@value #NOBODY} (the host's nobody), so that nothing root owns on the host is its.
 * bwrap itself runs with an empty environment; the task's variables reach only the command.
 */
final class Bubblewrap implements Sandbox {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final int NOBODY = 65534;
    private static final List<String> SYSTEM =
            List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "opt");

    private final String bwrap;
    private final List<Path> hidden;
    private final boolean network;
    private final boolean asRoot;

    /** {@code hidden}: folders of the server (its data dir, its workspaces) that a command must never see. */
    Bubblewrap(String bwrap, List<Path> hidden, boolean network, boolean asRoot) {
        this.bwrap = bwrap;
        List<Path> real = hidden.stream().map(Bubblewrap::real).distinct().toList();
        // a folder inside another hidden one is hidden with it (a mount of its own would show its name)
        this.hidden = real.stream()
                .filter(h -> real.stream().noneMatch(o -> !o.equals(h) && h.startsWith(o)))
                .toList();
        this.network = network;
        this.asRoot = asRoot;
    }

    @Override
    public Process start(
            List<String> command, Workspace workspace, Map<String, String> env, CommandLimits limits, String workdir)
            throws IOException {
        workspace.create();
        if (asRoot) workspace.chownAll(NOBODY, NOBODY);
        ProcessBuilder pb = new ProcessBuilder(arguments(command, workspace, limits, workdir));
        pb.environment().clear();
        Process process = pb.start();
        Launcher.writeEnvironment(process.getOutputStream(), env);
        return process;
    }

    List<String> arguments(List<String> command, Workspace workspace, CommandLimits limits) throws IOException {
        return arguments(command, workspace, limits, null);
    }

    private List<String> arguments(List<String> command, Workspace workspace, CommandLimits limits, String workdir)
            throws IOException {
        String inside = "/workspace";
        Path installed = null;
        if (workdir != null && Path.of(workdir).isAbsolute()) {
            installed = Workdirs.installed(workdir, hidden);
            inside = installed.toString();
        } else if (workdir != null) {
            inside = "/workspace/" + Workdirs.relative(workdir);
        }
        List<String> args = new ArrayList<>(List.of(bwrap, "--tmpfs", "/"));
        for (String name : SYSTEM) {
            Path p = Path.of("/", name);
            if (Files.isSymbolicLink(p)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
            } else if (Files.isDirectory(p)) {
                args.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        for (Path h : hidden) {
            if (SYSTEM.stream().anyMatch(s -> h.startsWith(Path.of("/", s))) && Files.isDirectory(h)) {
                args.addAll(List.of("--tmpfs", h.toString()));
            }
        }
        args.addAll(List.of(
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "--perms",
                "1777",
                "--size",
                String.valueOf(limits.maxMemory()),
                "--tmpfs",
                "/tmp",
                "--dir",
                "/workspace",
                "--bind",
                workspace.root().toString(),
                "/workspace"));
        if (installed != null) {
            // the folders above it are made in the empty root, traversable by the sandbox's user
            List<Path> parents = new ArrayList<>();
            for (Path p = installed.getParent(); p != null && p.getNameCount() > 0; p = p.getParent())
                parents.addFirst(p);
            for (Path p : parents) {
                if (SYSTEM.contains(p.getName(0).toString())) break;
                args.addAll(List.of("--perms", "0755", "--dir", p.toString()));
            }
            args.addAll(List.of("--ro-bind", installed.toString(), installed.toString()));
        }
        args.addAll(List.of(
                "--remount-ro",
                "/",
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-cgroup-try",
                "--hostname",
                "agentd",
                "--die-with-parent",
                "--new-session",
                "--clearenv",
                "--setenv",
                "PATH",
                PATH,
                "--setenv",
                "HOME",
                "/workspace",
                "--setenv",
                "LANG",
                "C.UTF-8"));
        if (!network) args.add("--unshare-net");
        if (asRoot) {
            // bwrap keeps only what setpriv needs to drop to nobody; unshare then gives the command a user
            // namespace of its own, which also makes its process limit count only its own processes
            args.addAll(List.of(
                    "--cap-drop",
                    "ALL",
                    "--cap-add",
                    "CAP_SETUID",
                    "--cap-add",
                    "CAP_SETGID",
                    "--cap-add",
                    "CAP_SETPCAP",
                    "--",
                    "/usr/bin/setpriv",
                    "--reuid=" + NOBODY,
                    "--regid=" + NOBODY,
                    "--clear-groups",
                    "--inh-caps=-all",
                    "--bounding-set=-all",
                    "--no-new-privs",
                    "--",
                    "/usr/bin/unshare",
                    "--user",
                    "--map-current-user",
                    "--"));
        } else {
            args.addAll(List.of("--unshare-user", "--cap-drop", "ALL", "--"));
        }
        args.addAll(Launcher.command(command, inside, limits, true));
        return args;
    }

    @Override
    public String workspacePath(Workspace workspace) {
        return "/workspace";
    }

    @Override
    public String name() {
        return "bwrap";
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
