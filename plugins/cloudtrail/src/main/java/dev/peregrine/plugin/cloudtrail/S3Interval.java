package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.PluginException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code s3Interval} time window on log-file names: {@code <endpoint>} (from there to now) or
 * {@code <endpoint>-<endpoint>}, each a duration before now ({@code 5d}, {@code 2h}...) or an
 * absolute UTC time {@code YYYY-MM-DDTHH:MM:SSZ}.
 *
 * @param start first instant of the window
 * @param end   last instant of the window
 */
record S3Interval(Instant start, Instant end) {

    private static final Pattern RANGE =
            Pattern.compile("(.*)\\s*-\\s*(\\d+[wdhms]|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)([wdhms])$");
    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("uuuu/MM/dd/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * The window of {@code text} relative to {@code now}, or null when {@code text} is empty.
     *
     * @throws PluginException with upstream's messages for a bad value or a reversed window
     */
    static S3Interval parse(String text, Instant now) throws PluginException {
        if (text.isEmpty()) {
            return null;
        }
        Instant start;
        Instant end = now;
        try {
            Matcher range = RANGE.matcher(text);
            if (range.find()) {
                start = endpoint(range.group(1), now);
                end = endpoint(range.group(2), now);
            } else {
                start = endpoint(text, now);
            }
        } catch (IllegalArgumentException e) {
            throw new PluginException("cloudtrail invalid interval: \"" + text + "\": " + e.getMessage());
        }
        if (end.isBefore(start)) {
            throw new PluginException("cloudtrail start time " + goTime(start) + " must be less than end time " + goTime(end));
        }
        return new S3Interval(start, end);
    }

    private static Instant endpoint(String text, Instant now) {
        Matcher duration = DURATION.matcher(text);
        if (duration.matches()) {
            long amount = Long.parseLong(duration.group(1));
            Duration unit = switch (duration.group(2)) {
                case "w" -> Duration.ofDays(7);
                case "d" -> Duration.ofDays(1);
                case "h" -> Duration.ofHours(1);
                case "m" -> Duration.ofMinutes(1);
                default -> Duration.ofSeconds(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return LocalDateTime.parse(text, ABSOLUTE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot parse \"" + text + "\" as a duration (e.g. 5d) or as YYYY-MM-DDTHH:MM:SSZ");
        }
    }

    /** True when a log-file name stamp {@code YYYYMMDDTHHMM} lies in the window (text comparison). */
    boolean containsStamp(String stamp) {
        return stamp.compareTo(FILE_STAMP.format(start)) >= 0 && stamp.compareTo(FILE_STAMP.format(end)) <= 0;
    }

    /** The {@code YYYY/MM/DD/} folder of the window's first day. */
    String startDayFolder() {
        return DAY_FOLDER.format(start);
    }

    /** Go's default rendering of a UTC time, as upstream's message prints it. */
    private static String goTime(Instant instant) {
        String text = GO_TIME.format(instant);
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            text += "." + fraction;
        }
        return text + " +0000 UTC";
    }
}
