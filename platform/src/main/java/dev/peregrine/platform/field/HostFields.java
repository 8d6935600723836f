package dev.peregrine.platform.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The {@code evt.*} fields the host extracts itself on every plugin (non-syscall) source
 * (plugin-framework §5), with libsinsp's time renderings (rules-language §5.2).
 */
public final class HostFields {

    /** Provider name the catalogue reports for these fields. */
    public static final String PROVIDER = "host";

    private static final int ASYNC_EVENT_TYPE = 402;

    private static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.of("evt.num", FieldType.UINT64, "event number."),
            FieldSpec.of("evt.time", FieldType.STRING, "event timestamp as a time string that includes the nanosecond part."),
            FieldSpec.of("evt.time.s", FieldType.STRING, "event timestamp as a time string with no nanoseconds."),
            FieldSpec.of("evt.time.iso8601", FieldType.STRING, "event timestamp in ISO 8601 format, including nanoseconds and time zone offset (in UTC)."),
            FieldSpec.of("evt.datetime", FieldType.STRING, "event timestamp as a time string that includes the date."),
            FieldSpec.of("evt.datetime.s", FieldType.STRING, "event timestamp as a datetime string with no nanoseconds."),
            FieldSpec.of("evt.rawtime", FieldType.ABSTIME, "absolute event timestamp, i.e. nanoseconds from epoch."),
            FieldSpec.of("evt.rawtime.s", FieldType.ABSTIME, "integer part of the event timestamp (e.g. seconds since epoch)."),
            FieldSpec.of("evt.rawtime.ns", FieldType.ABSTIME, "fractional part of the absolute event timestamp."),
            FieldSpec.of("evt.reltime", FieldType.RELTIME, "number of nanoseconds from the beginning of the capture."),
            FieldSpec.of("evt.reltime.s", FieldType.RELTIME, "number of seconds from the beginning of the capture."),
            FieldSpec.of("evt.reltime.ns", FieldType.RELTIME, "fractional part (in ns) of the time from the beginning of the capture."),
            FieldSpec.of("evt.pluginname", FieldType.STRING, "if the event comes from a plugin-defined event source, the name of the plugin that generated it."),
            FieldSpec.of("evt.plugininfo", FieldType.STRING, "if the event comes from a plugin-defined event source, a summary of the event as formatted by the plugin."),
            FieldSpec.of("evt.source", FieldType.STRING, "the name of the source that produced the event."),
            FieldSpec.of("evt.is_async", FieldType.BOOL, "'true' for asynchronous events, 'false' otherwise."),
            FieldSpec.of("evt.asynctype", FieldType.STRING, "If the event is asynchronous, the type of the event (e.g. 'container')."),
            FieldSpec.of("evt.hostname", FieldType.STRING, "The host name of the machine generating the event."));

    private HostFields() {
    }

    /** The declared host fields. */
    public static List<FieldSpec> fields() {
        return FIELDS;
    }

    /**
     * The host fields of one source.
     *
     * @param source      the source name ({@code evt.source})
     * @param pluginName  the plugin that opens it ({@code evt.pluginname})
     * @param sourceState its plugin state ({@code evt.plugininfo})
     * @param hostName    {@code evt.hostname}
     */
    public static FieldProvider provider(String source, String pluginName, PluginInstance sourceState, String hostName) {
        FirstTimestamp first = new FirstTimestamp();
        return new FieldProvider(PROVIDER, "evt", FIELDS,
                (spec, argument) -> bind(spec, argument, source, pluginName, sourceState, hostName, first));
    }

    private static FieldHandle bind(FieldSpec spec, FieldArgument argument, String source, String pluginName,
                                    PluginInstance sourceState, String hostName, FirstTimestamp first)
            throws PluginException {
        ZoneId zone = ZoneId.systemDefault();
        return switch (spec.name()) {
            case "evt.num" -> (e, out) -> {
                out.addLong(e.number());
                return true;
            };
            case "evt.time" -> text(ts -> clock(ts, zone, true));
            case "evt.time.s" -> text(ts -> clock(ts, zone, false));
            case "evt.time.iso8601" -> text(HostFields::iso8601);
            case "evt.datetime" -> text(ts -> date(ts, zone) + " " + clock(ts, zone, true));
            case "evt.datetime.s" -> text(ts -> date(ts, zone) + " " + clock(ts, zone, false));
            case "evt.rawtime" -> number(e -> e.timestampNanos());
            case "evt.rawtime.s" -> number(e -> e.timestampNanos() / 1_000_000_000L);
            case "evt.rawtime.ns" -> number(e -> e.timestampNanos() % 1_000_000_000L);
            case "evt.reltime" -> number(e -> first.since(e.timestampNanos()));
            case "evt.reltime.s" -> number(e -> first.since(e.timestampNanos()) / 1_000_000_000L);
            case "evt.reltime.ns" -> number(e -> first.since(e.timestampNanos()) % 1_000_000_000L);
            case "evt.pluginname" -> constant(pluginName);
            case "evt.plugininfo" -> (e, out) -> {
                String info;
                try {
                    info = sourceState.eventToString(e);
                } catch (RuntimeException failure) {
                    info = String.valueOf(failure.getMessage());
                }
                out.addString(info == null ? "" : info);
                return true;
            };
            case "evt.source" -> constant(source);
            case "evt.is_async" -> (e, out) -> {
                out.addBoolean(e.type() == ASYNC_EVENT_TYPE);
                return true;
            };
            case "evt.asynctype" -> (e, out) -> false;
            case "evt.hostname" -> constant(hostName);
            default -> throw new PluginException("host does not extract field " + spec.name());
        };
    }

    private interface LongOfEvent {
        long apply(Event event);
    }

    private static FieldHandle number(LongOfEvent value) {
        return (e, out) -> {
            out.addLong(value.apply(e));
            return true;
        };
    }

    private static FieldHandle constant(String value) {
        return (e, out) -> {
            out.addString(value);
            return true;
        };
    }

    // Rendering a time allocates; consecutive events often share a timestamp, so the last one is kept.
    private static FieldHandle text(LongFunction<String> render) {
        long[] lastTs = {Long.MIN_VALUE};
        String[] lastText = {""};
        return (e, out) -> {
            long ts = e.timestampNanos();
            if (ts != lastTs[0]) {
                lastText[0] = render.apply(ts);
                lastTs[0] = ts;
            }
            out.addString(lastText[0]);
            return true;
        };
    }

    /** {@code HH:MM:SS.nnnnnnnnn} (or without the fraction) in local time. */
    static String clock(long ts, ZoneId zone, boolean nanos) {
        ZonedDateTime t = at(ts, zone);
        String hms = two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
        return nanos ? hms + "." + nine(Math.floorMod(ts, 1_000_000_000L)) : hms;
    }

    /** {@code YYYY-MM-DD} in local time. */
    static String date(long ts, ZoneId zone) {
        ZonedDateTime t = at(ts, zone);
        return String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000}, always UTC. */
    static String iso8601(long ts) {
        return date(ts, ZoneOffset.UTC) + "T" + clock(ts, ZoneOffset.UTC, true) + "+0000";
    }

    private static ZonedDateTime at(long ts, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L)).atZone(zone);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String nine(long v) {
        String digits = Long.toString(v);
        return "000000000".substring(digits.length()) + digits;
    }

    /** The first timestamp a source delivered, for {@code evt.reltime*}; read by that source's thread. */
    private static final class FirstTimestamp {
        private long first = Long.MIN_VALUE;

        long since(long ts) {
            if (first == Long.MIN_VALUE) {
                first = ts;
            }
            return ts - first;
        }
    }
}
