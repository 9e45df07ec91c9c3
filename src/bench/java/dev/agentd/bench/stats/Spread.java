package dev.agentd.bench.stats;

import java.util.Arrays;
import java.util.List;

/** One figure over several runs: the median, and the smallest and largest run. */
public record Spread(double median, double min, double max, int runs) {
    /** The median of an even number of runs is the mean of the two middle ones. */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no runs");
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(median, v[0], v[n - 1], n);
    }
}
