package dev.agentd.bench.stats;

import java.util.Arrays;

/** Durations in nanoseconds, recorded by one thread at a time, with nearest-rank percentiles. */
public final class Samples {
    private long[] values = new long[1024];
    private int count;

    public synchronized void add(long nanos) {
        if (count == values.length) values = Arrays.copyOf(values, count * 2);
        values[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p}% of the samples at or
     * below it (p50 of 1..100 is 50, p99 is 99, p100 is the maximum).
     */
    public synchronized long percentile(double p) {
        if (count == 0) throw new IllegalStateException("no samples");
        if (p <= 0 || p > 100) throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** A percentile in milliseconds. */
    public double percentileMs(double p) {
        return percentile(p) / 1e6;
    }
}
