package dev.agentd.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * bubblewrap: an empty root with the host's top-level folders bound read-only, the server's data
 * dir hidden, a private /tmp, the workspace bound read-write at /workspace as the working
 * directory, new PID (and, unless allowed, network) namespaces, and death with the parent.
 */
final class Bubblewrap implements Sandbox {
    private static final Set<String> OWN_MOUNTS = Set.of("proc", "dev", "tmp", "workspace");

    private final String bwrap;
    private final Path hidden;
    private final boolean network;

    Bubblewrap(String bwrap, Path dataDir, boolean network) {
        this.bwrap = bwrap;
        this.hidden = dataDir.toAbsolutePath().normalize();
        this.network = network;
    }

    @Override
    public ProcessBuilder command(List<String> command, Path workspace, Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of(bwrap, "--tmpfs", "/"));
        try (Stream<Path> top = Files.list(Path.of("/"))) {
            for (Path p : top.sorted().toList()) {
                String name = p.getFileName().toString();
                if (OWN_MOUNTS.contains(name)) continue;
                if (Files.isSymbolicLink(p)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
                } else if (Files.isDirectory(p)) {
                    args.addAll(List.of("--ro-bind", p.toString(), p.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        args.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        if (!hidden.startsWith("/tmp") && Files.isDirectory(hidden)) args.addAll(List.of("--tmpfs", hidden.toString()));
        args.addAll(List.of("--dir", "/workspace", "--bind", workspace.toAbsolutePath().toString(), "/workspace",
                "--remount-ro", "/", "--chdir", "/workspace", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--new-session"));
        if (!network) args.add("--unshare-net");
        args.add("--");
        args.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    @Override
    public String workspacePath(Path workspace) {
        return "/workspace";
    }

    @Override
    public String name() {
        return "bwrap";
    }
}
