package dev.peregrine.platform.output;

import dev.peregrine.platform.config.PeregrineConfig;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formats alerts as Falco does: the text line {@code <time>: <Priority> <output>} and the JSON object
 * (modern layout with sorted keys, or the Falco ≤0.38 legacy layout), including internal messages.
 */
public final class AlertFormatter {

    /**
     * What the format depends on.
     *
     * @param json                json_output
     * @param iso8601             time_format_iso_8601
     * @param includeOutput       json_include_output_property
     * @param includeMessage      json_include_message_property
     * @param includeOutputFields json_include_output_fields_property
     * @param includeTags         json_include_tags_property
     * @param legacyLayout        platform.json_layout: legacy
     */
    public record Options(boolean json, boolean iso8601, boolean includeOutput, boolean includeMessage,
                          boolean includeOutputFields, boolean includeTags, boolean legacyLayout) {

        /** The options a configuration selects. */
        public static Options of(PeregrineConfig config) {
            PeregrineConfig.Json j = config.json();
            return new Options(j.enabled(), config.timeFormatIso8601(), j.includeOutput(), j.includeMessage(),
                    j.includeOutputFields(), j.includeTags(),
                    config.platform().jsonLayout() == PeregrineConfig.JsonLayout.LEGACY);
        }
    }

    private final Options options;
    private final ZoneId zone;

    /** @param zone the local zone for time-of-day stamps */
    public AlertFormatter(Options options, ZoneId zone) {
        this.options = options;
        this.zone = zone;
    }

    /** The line an output channel receives (JSON when json_output, else text); no trailing newline. */
    public String format(Alert alert) {
        return options.json() ? json(alert) : text(alert);
    }

    /** The text line. Internal messages use the local time of day and end with their sorted fields. */
    public String text(Alert alert) {
        StringBuilder out = new StringBuilder(64 + alert.message().length());
        if (alert.isInternal()) {
            timeOfDay(out, alert.timeNanos());
            out.append(": ").append(alert.priority().printedName()).append(' ').append(alert.message()).append(" (");
            boolean first = true;
            for (Map.Entry<String, Object> e : new TreeMap<>(alert.outputFields()).entrySet()) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                out.append(e.getKey()).append('=');
                JsonText.value(out, e.getValue());
            }
            return out.append(')').toString();
        }
        prefix(out, alert);
        return out.append(alert.message()).toString();
    }

    /** The JSON object as one compact line. */
    public String json(Alert alert) {
        if (alert.isInternal()) {
            return internalJson(alert);
        }
        return options.legacyLayout() ? legacyJson(alert) : modernJson(alert);
    }

    private String modernJson(Alert alert) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"hostname\":");
        JsonText.string(out, alert.hostname());
        if (options.includeMessage()) {
            out.append(",\"message\":");
            JsonText.string(out, alert.message());
        }
        if (options.includeOutput()) {
            out.append(",\"output\":");
            JsonText.string(out, text(alert));
        }
        if (options.includeOutputFields()) {
            out.append(",\"output_fields\":");
            JsonText.value(out, new TreeMap<>(alert.outputFields()));
        }
        out.append(",\"priority\":");
        JsonText.string(out, alert.priority().printedName());
        out.append(",\"rule\":");
        JsonText.string(out, alert.rule());
        out.append(",\"source\":");
        JsonText.string(out, alert.source());
        if (options.includeTags()) {
            out.append(",\"tags\":");
            JsonText.value(out, alert.tags());
        }
        out.append(",\"time\":");
        JsonText.string(out, isoUtc(alert.timeNanos(), "Z"));
        return out.append('}').toString();
    }

    private String legacyJson(Alert alert) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"hostname\":");
        JsonText.string(out, alert.hostname());
        if (options.includeOutput()) {
            out.append(",\"output\":");
            JsonText.string(out, text(alert));
        }
        out.append(",\"priority\":");
        JsonText.string(out, alert.priority().printedName());
        out.append(",\"rule\":");
        JsonText.string(out, alert.rule());
        out.append(",\"source\":");
        JsonText.string(out, alert.source());
        if (options.includeTags()) {
            out.append(",\"tags\":");
            JsonText.value(out, alert.tags());
        }
        out.append(",\"time\":");
        JsonText.string(out, isoUtc(alert.timeNanos(), "Z"));
        if (options.includeOutputFields()) {
            out.append(", \"output_fields\": ");
            JsonText.value(out, new TreeMap<>(alert.outputFields()));
        }
        return out.append('}').toString();
    }

    private String internalJson(Alert alert) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"hostname\":");
        JsonText.string(out, alert.hostname());
        out.append(",\"output\":");
        JsonText.string(out, alert.message());
        out.append(",\"output_fields\":");
        JsonText.value(out, new TreeMap<>(alert.outputFields()));
        out.append(",\"priority\":");
        JsonText.string(out, alert.priority().printedName());
        out.append(",\"rule\":");
        JsonText.string(out, alert.rule());
        out.append(",\"source\":");
        JsonText.string(out, alert.source());
        out.append(",\"time\":");
        JsonText.string(out, isoUtc(alert.timeNanos(), "Z"));
        return out.append('}').toString();
    }

    private void prefix(StringBuilder out, Alert alert) {
        if (options.iso8601()) {
            out.append(isoUtc(alert.timeNanos(), "+0000"));
        } else {
            timeOfDay(out, alert.timeNanos());
        }
        out.append(": ").append(alert.priority().printedName()).append(' ');
    }

    private void timeOfDay(StringBuilder out, long nanos) {
        LocalDateTime local = LocalDateTime.ofInstant(instant(nanos), zone);
        two(out, local.getHour()).append(':');
        two(out, local.getMinute()).append(':');
        two(out, local.getSecond()).append('.');
        nine(out, local.getNano());
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnn} in UTC followed by {@code suffix}. */
    static String isoUtc(long nanos, String suffix) {
        LocalDateTime t = LocalDateTime.ofInstant(instant(nanos), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(36);
        out.append(t.getYear()).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append('T');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond()).append('.');
        nine(out, t.getNano());
        return out.append(suffix).toString();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static StringBuilder two(StringBuilder out, int v) {
        if (v < 10) {
            out.append('0');
        }
        return out.append(v);
    }

    private static void nine(StringBuilder out, int nanos) {
        String digits = Integer.toString(nanos);
        for (int i = digits.length(); i < 9; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
