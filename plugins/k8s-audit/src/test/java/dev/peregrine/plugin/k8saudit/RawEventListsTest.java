package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The webhook's fast path gives exactly the general path's events, or steps aside. */
class RawEventListsTest {

    private final AuditEvents events = new AuditEvents(262_144, message -> { }, new Counters());

    private static List<String> texts(AuditEvents.Outcome outcome) {
        return outcome.events().stream().map(e -> e.timestampNanos() + " " + new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    private void assertSameAsTree(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        AuditEvents.Outcome tree = events.parseTree(bytes);
        AuditEvents.Outcome parsed = events.parse(bytes);
        assertEquals(texts(tree), texts(parsed), body);
        assertEquals(tree.problem(), parsed.problem(), body);
    }

    @Test
    void everyTraceFileEventAsEventAndInEventListsMatchesTheGeneralPath() throws Exception {
        String shared = System.getProperty("peregrine.shared");
        Path dir = shared == null ? null : Path.of(shared, "compat/legacy/trace_files/k8s_audit");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "peregrine.shared is not set or has no k8s_audit traces");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(line.strip());
                    }
                }
            }
        }
        for (String line : lines) {
            assertSameAsTree(line);
            if (line.startsWith("{\"kind\":\"Event\"")) {
                assertNotNull(RawEventLists.split(line.getBytes(StandardCharsets.UTF_8), 262_144), line);
            }
        }
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
                + String.join(",", lines.stream().filter(l -> l.startsWith("{\"kind\":\"Event\"")).toList()) + "]}";
        assertSameAsTree(list);
        assertNotNull(RawEventLists.split(list.getBytes(StandardCharsets.UTF_8), 262_144), "the API server's shape takes the fast path");
    }

    @Test
    void bodiesTheFastPathCannotCopyVerbatimGoTheGeneralWayWithTheSameResult() {
        String event = "{\"kind\":\"Event\",\"auditID\":\"a\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}";
        for (String body : new String[] {
                event,
                "{ \"kind\":\"Event\",\"auditID\":\"a\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\": \"Event\",\"auditID\":\"a\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\\u00e9\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"\u00e9\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\\\"b\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\\/b\\\\c\\n\\t\\r\\b\\f\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\\\\\\\"\\n\\t\\r\\b\\f\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"\\u0007\\u007f\",\"stageTimestamp\":\"2018-10-25T14:09:12.5Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\",\"stageTimestamp\":\"2018-10-25T14:09:12.5+02:00\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\",\"stageTimestamp\":\"2018-10-31T14:09:12Z\"}",
                "{\"kind\":\"Event\",\"auditID\":\"a\",\"stageTimestamp\":1}",
                "{\"kind\":\"Event\",\"auditID\":\"a\"}",
                "{\"kind\":\"Event\",\"n\":1.50e3,\"stageTimestamp\":\"2018-10-25T14:09:12Z\",\"stageTimestamp\":\"x\"}",
                "{\"kind\":\"EventList\",\"items\":[" + event + "," + event + "],\"items\":[]}",
                "{\"kind\":\"EventList\",\"items\":[" + event + ",1]}",
                "{\"kind\":\"EventList\",\"items\":[]}",
                "{\"kind\":\"EventList\"}",
                "{\"kind\":\"EventList\",\"items\":[" + event + "]} {}",
                "{\"kind\":\"EventList\",\"items\":[" + event + "]",
                "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}",
                "[" + event + "]",
                "{\"kind\":\"Pod\"}"}) {
            assertSameAsTree(body);
        }
        // An escape makes that one event go through the writer; a missing stamp hands the body to the general path.
        assertEquals("{\"kind\":\"Event\",\"a\":\"\\n\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}", new String(RawEventLists.split(
                "{\"kind\":\"Event\",\"a\":\"\\u000a\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}"
                .getBytes(StandardCharsets.UTF_8), 1000).get(0).payload(), StandardCharsets.UTF_8));
        assertNull(RawEventLists.split("{\"kind\":\"Event\",\"a\":1}".getBytes(StandardCharsets.UTF_8), 1000));
    }

    @Test
    void theQuickTimestampReaderAgreesWithJavaTime() {
        for (String text : new String[] {"2018-10-25T14:09:12Z", "2020-04-21T17:58:49.696309Z", "2024-02-28T23:59:59.123456789Z",
                "1970-01-01T00:00:00.1Z", "2038-01-19T03:14:08.000001Z"}) {
            var instant = OffsetDateTime.parse(text).toInstant();
            assertEquals(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), AuditEvents.utcNanos(text), text);
        }
        for (String text : new String[] {"2018-10-25T14:09:12+00:00", "2018-10-29T14:09:12Z", "2018-10-25T14:09:12.Z",
                "2018-10-25 14:09:12Z", "2018-10-25T14:09:12.1234567890Z", "1969-12-31T23:59:59Z"}) {
            assertEquals(Long.MIN_VALUE, AuditEvents.utcNanos(text), text);
        }
    }
}
