package dev.peregrine.plugin.cloudtrail;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/** Parses CloudTrail {@code eventTime} values (RFC 3339, as Go's {@code time.RFC3339} accepts them). */
final class EventTimes {

    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** Value returned for text that is not an RFC 3339 time. */
    static final long INVALID = Long.MIN_VALUE;

    private EventTimes() {
    }

    /** Nanoseconds since the epoch, or {@link #INVALID}. */
    static long parseNanos(String text) {
        try {
            OffsetDateTime time = OffsetDateTime.parse(text, RFC_3339);
            return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (DateTimeParseException | ArithmeticException invalid) {
            return INVALID;
        }
    }
}
