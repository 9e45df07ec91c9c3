package dev.agentd.sandbox;

import dev.agentd.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The working folder a sandboxed process may be given instead of the workspace (see Sandbox#start). */
final class Workdirs {
    /** Folders whose contents are the host's live state: processes, devices, sockets. */
    private static final List<Path> REFUSED =
            Stream.of("/proc", "/sys", "/dev", "/run", "/var/run").map(Path::of).toList();

    /** Folders every program shares (their sockets among them): refused themselves, not a folder in them. */
    private static final List<Path> SHARED =
            Stream.of("/tmp", "/var/tmp").map(Path::of).toList();

    private Workdirs() {}

    /**
     * An absolute host folder to bind read-only: it must exist, and neither hold nor lie in one of
     * the server's {@code hidden} folders.
     */
    static Path installed(String workdir, List<Path> hidden) throws IOException {
        Path real;
        try {
            real = Path.of(workdir).toRealPath();
        } catch (IOException e) {
            throw new IOException("the folder " + workdir + " does not exist");
        }
        if (!Files.isDirectory(real)) throw new IOException(workdir + " is not a folder");
        if (real.getNameCount() == 0 || REFUSED.stream().anyMatch(real::startsWith) || SHARED.contains(real)) {
            throw new IOException("the folder " + workdir + " cannot be given to a sandbox (it is /, or holds the "
                    + "host's processes, devices, sockets or temporary files)");
        }
        for (Path h : hidden) {
            if (real.startsWith(h) || h.startsWith(real) || real.getNameCount() == 0) {
                throw new IOException("the folder " + workdir + " holds or lies in the server's data");
            }
        }
        return real;
    }

    /** A folder of the workspace, relative to its root, that stays in it. */
    static String relative(String workdir) throws IOException {
        Path p = Path.of(workdir).normalize();
        if (p.isAbsolute() || p.startsWith(".."))
            throw new IOException("the folder " + workdir + " leaves the workspace");
        return p.toString();
    }

    /** Where an unsandboxed process works. */
    static Path onHost(Workspace workspace, String workdir) throws IOException {
        if (workdir == null) return workspace.root();
        if (Path.of(workdir).isAbsolute()) return installed(workdir, List.of());
        return workspace.root().resolve(relative(workdir));
    }
}
