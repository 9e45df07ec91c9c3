package dev.agentd.bench.figures;

import dev.agentd.bench.stats.Spread;
import java.util.Locale;

/**
 * One reported figure: its value over the runs, the limit measured beside it in the same run (null
 * when the figure has none), the target, and whether the target held.
 */
public record Figure(
        String name,
        String unit,
        Spread value,
        String limitName,
        Spread limit,
        String target,
        boolean held,
        String note) {
    /** agentd's value divided by the limit's (both medians); NaN without a limit. */
    public double ratio() {
        return limit == null || limit.median() == 0 ? Double.NaN : value.median() / limit.median();
    }

    public String ratioText() {
        double r = ratio();
        if (Double.isNaN(r)) return "—";
        return r >= 10 ? String.format(Locale.ROOT, "%.0f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    public static String number(double v) {
        if (v >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (v >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    public static String spread(Spread s, String unit) {
        if (s == null) return "—";
        return number(s.median()) + " " + unit + " (" + number(s.min()) + "–" + number(s.max()) + ")";
    }
}
