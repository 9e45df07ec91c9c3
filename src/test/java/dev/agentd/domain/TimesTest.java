package dev.agentd.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatWritesWhatTheReferencePatternWritesAndParseReadsItBack() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L));
            String text = Times.format(t);
            assertEquals(REFERENCE.format(t), text);
            assertEquals(t, Times.parse(text));
        }
        assertEquals("1970-01-01T00:00:00.000Z", Times.format(Instant.EPOCH));
        assertEquals("2026-01-26T15:50:54.870Z", Times.format(Instant.parse("2026-01-26T15:50:54.870123Z")));
    }

    @Test
    void parseReadsOtherIsoInstantsAndRejectsWhatTheJdkRejects() {
        assertEquals(Instant.parse("2026-01-26T15:50:54Z"), Times.parse("2026-01-26T15:50:54Z"));
        assertEquals(Instant.parse("2026-01-26T15:50:54.123456Z"), Times.parse("2026-01-26T15:50:54.123456Z"));
        assertThrows(DateTimeParseException.class, () -> Times.parse("2026-02-30T15:50:54.870Z"));
        assertThrows(DateTimeParseException.class, () -> Times.parse("2026-01-26T25:50:54.870Z"));
        assertThrows(DateTimeParseException.class, () -> Times.parse("2026-01-2xT15:50:54.870Z"));
    }
}
