package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginLogger;
import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one payload (a webhook body or a log line) into audit events: a single {@code Event}, an
 * {@code EventList} or an array of those; each event re-serialised compactly and stamped with its
 * {@code stageTimestamp}. Problems are logged and the offending payload or event dropped.
 */
final class AuditEvents {

    /** Logged when a payload is none of the accepted shapes (Falco's tests expect this text). */
    static final String NOT_RECOGNIZED = "data not recognized as a k8s audit event";

    /** One audit event ready for the host. */
    record AuditEvent(long timestampNanos, byte[] payload) implements Converted {
    }

    /** What one candidate event became: an event or the reason it was dropped. */
    private sealed interface Converted permits AuditEvent, Dropped {
    }

    /** A candidate that cannot be used, and why. */
    private record Dropped(Rejection kind, String reason) implements Converted {
    }

    /**
     * What one payload gave: its events (some may have been dropped and counted), or, when it
     * gave none because of a problem, the problem and a one-line reason.
     */
    record Outcome(List<AuditEvent> events, Rejection problem, String reason) {

        static Outcome rejected(Rejection problem, String reason) {
            return new Outcome(List.of(), problem, reason);
        }

        /** True when the payload was refused as a whole. */
        boolean isRejected() {
            return problem != null;
        }
    }

    private final JsonDocumentParser parser = new JsonDocumentParser();
    private final long maxEventSize;
    private final Log log;
    private final Counters counters;

    /** Where drop reasons go. */
    interface Log {
        void warning(String message);

        /** A line of a given {@code kind} of problem (throttling logs count lines per kind). */
        default void warning(String kind, String message) {
            warning(message);
        }

        /** Log lines through the host logger, or to stderr when there is none. */
        static Log of(PluginLogger logger) {
            if (logger == null) {
                return message -> System.err.println(K8sAuditPlugin.NAME + ": " + message);
            }
            return logger::warning;
        }
    }

    AuditEvents(long maxEventSize, Log log, Counters counters) {
        this.maxEventSize = maxEventSize;
        this.log = log;
        this.counters = counters;
    }

    /** Appends the events of {@code payload} to {@code out} in document order; drops are logged and counted. */
    void split(byte[] payload, List<AuditEvent> out) {
        Outcome outcome = parse(payload);
        if (outcome.problem() == Rejection.MALFORMED_JSON) {
            counters.droppedPayloads.incrementAndGet();
            log.warning("malformed_json", "cannot parse JSON payload of " + payload.length + " bytes");
        } else if (outcome.problem() == Rejection.NOT_AUDIT_EVENTS) {
            counters.droppedPayloads.incrementAndGet();
            log.warning("not_audit_events", NOT_RECOGNIZED);
        }
        out.addAll(outcome.events());
    }

    /**
     * The events of {@code payload}. Single events that cannot be used are dropped, counted and
     * logged; when that leaves none of several or one, the outcome names the reason instead.
     */
    Outcome parse(byte[] payload) {
        List<AuditEvent> fast = RawEventLists.split(payload, maxEventSize);
        return fast != null ? new Outcome(fast, null, null) : parseTree(payload);
    }

    /** {@link #parse} through the parsed tree and the compact writer, for any payload. */
    Outcome parseTree(byte[] payload) {
        JsonValue root = parser.parse(payload).orElse(null);
        if (root == null) {
            return Outcome.rejected(Rejection.MALFORMED_JSON, JsonSyntax.describe(payload));
        }
        List<JsonValue> candidates = new ArrayList<>();
        if (!classify(root, candidates)) {
            return Outcome.rejected(Rejection.NOT_AUDIT_EVENTS, NOT_RECOGNIZED);
        }
        List<AuditEvent> events = new ArrayList<>(candidates.size());
        Rejection lastDrop = null;
        String lastReason = null;
        for (JsonValue candidate : candidates) {
            switch (toEvent(candidate)) {
                case AuditEvent event -> events.add(event);
                case Dropped dropped -> {
                    lastDrop = dropped.kind();
                    lastReason = dropped.reason();
                    counters.droppedEvents.incrementAndGet();
                    log.warning(lastDrop.label(), lastReason);
                }
            }
        }
        if (events.isEmpty() && lastDrop != null) {
            return Outcome.rejected(lastDrop, lastReason);
        }
        return new Outcome(events, null, null);
    }

    private static boolean classify(JsonValue value, List<JsonValue> out) {
        if (value instanceof JsonValue.JsonArray array) {
            for (JsonValue element : array.elements()) {
                if (!classify(element, out)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof JsonValue.JsonObject object
                && object.member("kind") instanceof JsonValue.JsonString kind) {
            if (kind.value().equals("EventList") && object.member("items") instanceof JsonValue.JsonArray items) {
                out.addAll(items.elements());
                return true;
            }
            if (kind.value().equals("Event")) {
                out.add(object);
                return true;
            }
        }
        return false;
    }

    private Converted toEvent(JsonValue candidate) {
        JsonValue stamp = candidate instanceof JsonValue.JsonObject object ? object.member("stageTimestamp") : null;
        if (!(stamp instanceof JsonValue.JsonString text)) {
            return new Dropped(Rejection.BAD_TIMESTAMP, "can't read stageTimestamp");
        }
        long nanos;
        try {
            nanos = timestampNanos(text.value());
        } catch (DateTimeParseException | ArithmeticException e) {
            return new Dropped(Rejection.BAD_TIMESTAMP, "cannot parse stageTimestamp \"" + text.value() + "\": " + e.getMessage());
        }
        byte[] bytes = CompactJsonWriter.write(candidate).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxEventSize) {
            return new Dropped(Rejection.EVENT_TOO_LARGE, "event larger than maxEventSize: size=" + bytes.length);
        }
        return new AuditEvent(nanos, bytes);
    }

    /** Nanoseconds since the epoch of an RFC 3339 timestamp with optional fractional seconds. */
    static long timestampNanos(String text) {
        long fast = utcNanos(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        var instant = OffsetDateTime.parse(text).toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /**
     * The common form the API server writes, {@code 2020-04-21T17:58:49.696309Z}, read without the
     * java.time parser; {@code Long.MIN_VALUE} for any other form, which the full parser then reads.
     */
    static long utcNanos(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE; // days 29-31 and leap seconds: let java.time validate them
        }
        long nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length == 21) {
                return Long.MIN_VALUE;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return Long.MIN_VALUE;
            }
            nanos = fraction;
            for (int i = length - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return Long.MIN_VALUE;
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return Long.MIN_VALUE;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
        return seconds * 1_000_000_000L + nanos;
    }

    /** The decimal value of text[from, to), -1 when a character is not a digit (at most 9 digits). */
    private static int digits(String text, int from, int to) {
        if (to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
