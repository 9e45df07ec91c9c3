package dev.agentd.model.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A short description of a file read by read_file: its lines, and for CSV its columns and rows. */
final class FileSummary {
    private FileSummary() {}

    static String of(String path, String toolOutput) {
        List<String> lines = new ArrayList<>();
        for (String line : toolOutput.split("\n", -1)) {
            int tab = line.indexOf('\t');
            // read_file numbers its lines as "<n>\t<text>"; anything else is a note about the file
            if (tab > 0 && line.substring(0, tab).strip().chars().allMatch(Character::isDigit)) {
                lines.add(line.substring(tab + 1));
            }
        }
        if (lines.isEmpty()) return path + ": " + toolOutput.strip();
        StringBuilder out =
                new StringBuilder(path + " has " + lines.size() + (lines.size() == 1 ? " line." : " lines."));
        if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            List<String> columns = splitCsvLine(lines.getFirst());
            long rows = lines.stream().skip(1).filter(l -> !l.isBlank()).count();
            out.append(" It is a CSV file with ")
                    .append(columns.size())
                    .append(columns.size() == 1 ? " column (" : " columns (")
                    .append(String.join(", ", columns))
                    .append(") and ")
                    .append(rows)
                    .append(rows == 1 ? " row." : " rows.");
        } else {
            out.append(" It begins:\n").append(String.join("\n", lines.subList(0, Math.min(5, lines.size()))));
        }
        return out.toString();
    }

    static List<String> splitCsvLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
