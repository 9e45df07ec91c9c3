package dev.agentd.bench.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The results as a plain-text table and as the generated part of docs/BENCHMARKS.md: the text
 * between the two markers is replaced, everything around it (analysis, history of changes) is kept.
 */
public final class Report {
    static final String BEGIN = "<!-- bench:begin (written by make bench; edits here are overwritten) -->";
    static final String END = "<!-- bench:end -->";

    private Report() {}

    public static String table(List<Figure> figures) {
        StringBuilder sb = new StringBuilder();
        String format = "%-48s %-34s %-34s %-8s %-26s %s%n";
        sb.append(String.format(
                Locale.ROOT,
                format,
                "figure",
                "agentd median (min–max)",
                "limit median (min–max)",
                "ratio",
                "target",
                "held"));
        for (Figure f : figures) {
            sb.append(String.format(
                    Locale.ROOT,
                    format,
                    f.name(),
                    Figure.spread(f.value(), f.unit()),
                    Figure.spread(f.limit(), f.unit()),
                    f.ratioText(),
                    f.target(),
                    f.held() ? "yes" : "NO"));
        }
        return sb.toString();
    }

    public static String markdown(Machine m, int rounds, List<Figure> figures, Path jmhJson) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append("\n\n## Latest results\n\n");
        sb.append("- Machine: ")
                .append(m.cpu())
                .append(", ")
                .append(m.cores())
                .append(" cores, ")
                .append(String.format(Locale.ROOT, "%,d", m.memoryMb()))
                .append(" MB RAM, Linux ")
                .append(m.kernel())
                .append(", disk ")
                .append(m.disk())
                .append('\n');
        sb.append("- Java: ").append(m.java()).append('\n');
        sb.append("- Date: ")
                .append(m.date())
                .append("; commit: ")
                .append(m.commit())
                .append('\n');
        sb.append("- Each figure is the median of ")
                .append(rounds)
                .append(" runs (start-up and uploads: 5) with the smallest and largest run in brackets. ")
                .append("The ratio is agentd's median divided by the limit's median, both measured in this same ")
                .append("`make bench`.\n\n");
        sb.append(
                "| figure | agentd: median (min–max) | limit measured beside it | limit: median (min–max) | ratio | target | held |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            sb.append("| ")
                    .append(f.name())
                    .append(" | ")
                    .append(Figure.spread(f.value(), f.unit()))
                    .append(" | ")
                    .append(f.limitName() == null ? "—" : f.limitName())
                    .append(" | ")
                    .append(Figure.spread(f.limit(), f.unit()))
                    .append(" | ")
                    .append(f.ratioText())
                    .append(" | ")
                    .append(f.target())
                    .append(" | ")
                    .append(f.held() ? "yes" : "**no**")
                    .append(" |\n");
        }
        sb.append("\nHow each figure was taken:\n\n");
        for (Figure f : figures) {
            if (!f.note().isEmpty())
                sb.append("- ").append(f.name()).append(": ").append(f.note()).append('\n');
        }
        if (jmhJson != null && Files.exists(jmhJson)) sb.append(jmh(jmhJson));
        sb.append('\n').append(END).append('\n');
        return sb.toString();
    }

    private static String jmh(Path json) throws IOException {
        StringBuilder sb = new StringBuilder(
                "\n### In-process (JMH)\n\n| benchmark | mode | score | error (99.9 %) | unit |\n|---|---|---|---|---|\n");
        for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
            JsonNode metric = b.get("primaryMetric");
            String name = b.get("benchmark").asText();
            sb.append("| ")
                    .append(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
                    .append(" | ")
                    .append(b.get("mode").asText())
                    .append(" | ")
                    .append(Figure.number(metric.get("score").asDouble()))
                    .append(" | ")
                    .append(Figure.number(metric.get("scoreError").asDouble()))
                    .append(" | ")
                    .append(metric.get("scoreUnit").asText())
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** Replaces the generated part of {@code file}, creating the file when missing. */
    public static void write(Path file, String generated) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);
        if (from < 0 || to < from) {
            text = text + "\n" + generated;
        } else {
            int after = to + END.length();
            if (after < text.length() && text.charAt(after) == '\n') after++;
            text = text.substring(0, from) + generated + text.substring(after);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
