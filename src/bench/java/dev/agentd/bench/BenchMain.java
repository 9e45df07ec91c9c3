package dev.agentd.bench;

import dev.agentd.bench.figures.Bench;
import dev.agentd.bench.figures.Figure;
import dev.agentd.bench.figures.Figures;
import dev.agentd.bench.figures.Machine;
import dev.agentd.bench.figures.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load process of {@code make bench}: starts each server under measurement as its own JVM,
 * drives it over loopback HTTP, measures the limit beside each figure, prints the table and
 * rewrites the generated part of the report.
 * <p>
 * {@code BenchMain --jar target/agentd.jar --work DIR --out docs/BENCHMARKS.md [--rounds 3]
 * [--jmh results.json] [--only startup,latency,throughput,pieces,history,uploads,streams]}
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(arg(args, "--jar", "target/agentd.jar"));
        Path work = Path.of(arg(args, "--work", "target/bench/work"));
        Path out = Path.of(arg(args, "--out", "docs/BENCHMARKS.md"));
        String jmh = arg(args, "--jmh", null);
        int rounds = Integer.parseInt(arg(args, "--rounds", "3"));
        List<String> only = Arrays.asList(
                arg(args, "--only", String.join(",", Figures.NAMES)).split(","));
        if (!Files.exists(jar)) throw new IllegalStateException("no jar at " + jar + "; run make build");
        Files.createDirectories(work);
        Bench bench = new Bench(jar, System.getProperty("java.class.path"), work, rounds);
        List<Figure> figures = new ArrayList<>();
        for (String name : Figures.NAMES) {
            if (!only.contains(name)) continue;
            long t0 = System.nanoTime();
            System.out.println("measuring " + name + " …");
            List<Figure> measured = Figures.measure(name, bench);
            figures.addAll(measured);
            System.out.print(Report.table(measured));
            for (Figure f : measured) if (!f.note().isEmpty()) System.out.println("  " + f.name() + ": " + f.note());
            System.out.printf("(%s took %.0f s)%n%n", name, (System.nanoTime() - t0) / 1e9);
        }
        System.out.println();
        System.out.print(Report.table(figures));
        if (only.size() == Figures.NAMES.size()) {
            Report.write(
                    out, Report.markdown(Machine.describe(work), rounds, figures, jmh == null ? null : Path.of(jmh)));
            System.out.println("\nwrote " + out);
        } else {
            System.out.println("\n(only some figures measured: " + out + " left as it was)");
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return fallback;
    }
}
