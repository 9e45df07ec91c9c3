package dev.agentd.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void percentilesAreNearestRankOverTheRecordedValuesInAnyOrder() {
        Samples s = new Samples();
        for (int i = 100; i >= 1; i--) s.add(i * 1_000_000L);
        assertEquals(100, s.count());
        assertEquals(50_000_000L, s.percentile(50));
        assertEquals(99_000_000L, s.percentile(99));
        assertEquals(100_000_000L, s.percentile(100));
        assertEquals(1_000_000L, s.percentile(0.5));
        assertEquals(50.0, s.percentileMs(50));
    }

    @Test
    void percentilesOfFewSamplesRoundTheRankUp() {
        Samples s = new Samples();
        for (long v : new long[] {30, 10, 20}) s.add(v);
        assertEquals(20, s.percentile(50));
        assertEquals(30, s.percentile(99));
        assertEquals(10, s.percentile(33));
        assertEquals(20, s.percentile(34));
    }

    @Test
    void samplesGrowPastTheirFirstArray() {
        Samples s = new Samples();
        for (int i = 0; i < 5000; i++) s.add(i);
        assertEquals(5000, s.count());
        assertEquals(4999, s.percentile(100));
    }

    @Test
    void percentilesOfNoSamplesAreAnError() {
        assertThrows(IllegalStateException.class, () -> new Samples().percentile(50));
    }

    @Test
    void aSpreadIsTheMedianAndExtremesOfItsRuns() {
        assertEquals(new Spread(3, 1, 9, 3), Spread.of(List.of(9.0, 1.0, 3.0)));
        assertEquals(new Spread(2.5, 1, 9, 4), Spread.of(List.of(9.0, 2.0, 1.0, 3.0)));
        assertEquals(new Spread(7, 7, 7, 1), Spread.of(List.of(7.0)));
    }
}
