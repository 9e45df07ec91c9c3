package dev.agentd.bench.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/** The facts that make figures comparable: the machine, the date, the code. */
public record Machine(
        String cpu, int cores, long memoryMb, String kernel, String java, String disk, String date, String commit) {
    public static Machine describe(Path work) throws IOException, InterruptedException {
        String cpu = "unknown";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) memKb = Long.parseLong(line.replaceAll("\\D", ""));
        }
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        var store = Files.getFileStore(work);
        String commit = git("rev-parse", "--short", "HEAD");
        if (!git("status", "--porcelain", "--untracked-files=no", "--", "src", "pom.xml")
                .isEmpty()) {
            commit += " with uncommitted changes";
        }
        return new Machine(
                cpu,
                Runtime.getRuntime().availableProcessors(),
                memKb / 1024,
                kernel,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                store.type() + " on " + store.name(),
                Instant.now().truncatedTo(ChronoUnit.MINUTES).toString(),
                commit);
    }

    private static String git(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
    }
}
