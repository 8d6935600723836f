package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.PluginException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The s3Interval syntax (cloudtrail.md §5.2). */
class S3IntervalTest {

    private static final Instant NOW = Instant.parse("2023-04-10T12:00:00Z");

    @Test
    void emptyMeansNoInterval() throws PluginException {
        assertNull(S3Interval.parse("", NOW));
    }

    @Test
    void aSingleDurationRunsFromThenToNow() throws PluginException {
        assertEquals(new S3Interval(Instant.parse("2023-04-05T12:00:00Z"), NOW), S3Interval.parse("5d", NOW));
        assertEquals(new S3Interval(Instant.parse("2023-04-03T12:00:00Z"), NOW), S3Interval.parse("1w", NOW));
        assertEquals(new S3Interval(Instant.parse("2023-04-10T11:58:30Z"), NOW), S3Interval.parse("90s", NOW));
    }

    @Test
    void rangesMayMixDurationsAndAbsoluteTimes() throws PluginException {
        assertEquals(new S3Interval(Instant.parse("2023-04-05T12:00:00Z"), Instant.parse("2023-04-08T12:00:00Z")),
                S3Interval.parse("5d-2d", NOW));
        assertEquals(new S3Interval(Instant.parse("2023-04-05T06:00:00Z"), Instant.parse("2023-04-05T12:00:10Z")),
                S3Interval.parse("2023-04-05T06:00:00Z-2023-04-05T12:00:10Z", NOW));
        assertEquals(new S3Interval(Instant.parse("2023-04-05T06:00:00Z"), Instant.parse("2023-04-05T12:00:00Z")),
                S3Interval.parse("2023-04-05T06:00:00Z-5d", NOW));
        assertEquals(new S3Interval(Instant.parse("2021-03-30T18:07:17Z"), NOW), S3Interval.parse("2021-03-30T18:07:17Z", NOW));
    }

    @Test
    void badValuesAndReversedWindowsAreErrors() {
        PluginException bad = assertThrows(PluginException.class, () -> S3Interval.parse("5x", NOW));
        assertTrue(bad.getMessage().startsWith("cloudtrail invalid interval: \"5x\": "), bad.getMessage());
        PluginException reversed = assertThrows(PluginException.class, () -> S3Interval.parse("2d-5d", NOW));
        assertEquals("cloudtrail start time 2023-04-08 12:00:00 +0000 UTC must be less than end time "
                + "2023-04-05 12:00:00 +0000 UTC", reversed.getMessage());
    }

    @Test
    void fileNameStampsAreComparedAsTextAtMinutePrecision() throws PluginException {
        S3Interval interval = S3Interval.parse("2023-04-05T06:00:00Z-2023-04-05T12:00:10Z", NOW);
        assertTrue(interval.containsStamp("20230405T0600"));
        assertTrue(interval.containsStamp("20230405T1200"));
        assertFalse(interval.containsStamp("20230405T1205"));
        assertFalse(interval.containsStamp("20230405T0555"));
        assertEquals("2023/04/05/", interval.startDayFolder());
    }
}
