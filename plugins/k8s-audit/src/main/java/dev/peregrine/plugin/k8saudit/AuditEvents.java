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
    record AuditEvent(long timestampNanos, byte[] payload) {
    }

    private final JsonDocumentParser parser = new JsonDocumentParser();
    private final long maxEventSize;
    private final Log log;
    private final Counters counters;

    /** Where drop reasons go. */
    interface Log {
        void warning(String message);

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

    /** Appends the events of {@code payload} to {@code out} in document order. */
    void split(byte[] payload, List<AuditEvent> out) {
        JsonValue root = parser.parse(payload).orElse(null);
        if (root == null) {
            counters.droppedPayloads.incrementAndGet();
            log.warning("cannot parse JSON payload of " + payload.length + " bytes");
            return;
        }
        List<JsonValue> candidates = new ArrayList<>();
        if (!classify(root, candidates)) {
            counters.droppedPayloads.incrementAndGet();
            log.warning(NOT_RECOGNIZED);
            return;
        }
        for (JsonValue candidate : candidates) {
            AuditEvent event = toEvent(candidate);
            if (event != null) {
                out.add(event);
            }
        }
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

    private AuditEvent toEvent(JsonValue candidate) {
        JsonValue stamp = candidate instanceof JsonValue.JsonObject object ? object.member("stageTimestamp") : null;
        if (!(stamp instanceof JsonValue.JsonString text)) {
            counters.droppedEvents.incrementAndGet();
            log.warning("can't read stageTimestamp");
            return null;
        }
        long nanos;
        try {
            nanos = timestampNanos(text.value());
        } catch (DateTimeParseException | ArithmeticException e) {
            counters.droppedEvents.incrementAndGet();
            log.warning("cannot parse stageTimestamp \"" + text.value() + "\": " + e.getMessage());
            return null;
        }
        byte[] bytes = CompactJsonWriter.write(candidate).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxEventSize) {
            counters.droppedEvents.incrementAndGet();
            log.warning("event larger than maxEventSize: size=" + bytes.length);
            return null;
        }
        return new AuditEvent(nanos, bytes);
    }

    /** Nanoseconds since the epoch of an RFC 3339 timestamp with optional fractional seconds. */
    static long timestampNanos(String text) {
        var instant = OffsetDateTime.parse(text).toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
