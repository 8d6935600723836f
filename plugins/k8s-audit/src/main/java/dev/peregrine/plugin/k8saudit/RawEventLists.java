package dev.peregrine.plugin.k8saudit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path for what the API server posts: a compact {@code EventList} (or one {@code Event})
 * whose {@code kind} comes first. The body is tokenised without building a tree, and each event's
 * bytes are taken as they are when they already equal the compact re-serialisation the general
 * path would write (no whitespace outside strings, only the writer's own escapes, ASCII only); other events
 * are re-serialised one by one. Any other shape, and any event the general path would drop,
 * returns null and the caller takes the general path, so both give the same events byte for byte.
 */
final class RawEventLists {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonDocumentParser PARSER = new JsonDocumentParser();
    /** ASCII bytes that need no look: everything but quote, backslash, space, controls and DEL. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (int b = 0x21; b < 0x7f; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private RawEventLists() {
    }

    /** The events of {@code body}, or null when the general path must decide. */
    static List<AuditEvents.AuditEvent> split(byte[] body, long maxEventSize) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int rootStart = (int) parser.currentTokenLocation().getByteOffset();
            if (parser.nextToken() != JsonToken.FIELD_NAME || !parser.currentName().equals("kind")
                    || parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String kind = parser.getText();
            List<AuditEvents.AuditEvent> events;
            if (kind.equals("Event")) {
                String stamp = members(parser);
                int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                AuditEvents.AuditEvent event = event(body, rootStart, end, stamp, maxEventSize);
                if (event == null) {
                    return null;
                }
                events = List.of(event);
            } else if (kind.equals("EventList")) {
                events = items(parser, body, maxEventSize);
                if (events == null) {
                    return null;
                }
            } else {
                return null;
            }
            return parser.nextToken() == null ? events : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads the rest of an EventList object; null when its first {@code items} is unusable. */
    private static List<AuditEvents.AuditEvent> items(JsonParser parser, byte[] body, long maxEventSize) throws IOException {
        List<AuditEvents.AuditEvent> events = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                return null;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("items") && events == null) {
                if (value != JsonToken.START_ARRAY) {
                    return null;
                }
                events = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    if (item != JsonToken.START_OBJECT) {
                        return null;
                    }
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    String stamp = members(parser);
                    int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    AuditEvents.AuditEvent event = event(body, start, end, stamp, maxEventSize);
                    if (event == null) {
                        return null;
                    }
                    events.add(event);
                }
            } else {
                parser.skipChildren();
            }
        }
        return events;
    }

    /** Skips the members of the current object up to its end; returns its first stageTimestamp string, or null. */
    private static String members(JsonParser parser) throws IOException {
        String stamp = null;
        boolean seen = false;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw new IOException("expected a member name");
            }
            boolean isStamp = !seen && parser.currentName().equals("stageTimestamp");
            JsonToken value = parser.nextToken();
            if (isStamp) {
                seen = true;
                stamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            } else {
                parser.skipChildren();
            }
        }
        return stamp;
    }

    /** The event of body[start, end), or null when the general path must handle it (it would drop it). */
    private static AuditEvents.AuditEvent event(byte[] body, int start, int end, String stamp, long maxEventSize) {
        if (stamp == null) {
            return null;
        }
        byte[] payload;
        if (isCompactAscii(body, start, end)) {
            payload = Arrays.copyOfRange(body, start, end);
        } else {
            // Whitespace, escapes or non-ASCII text: this one event goes through the tree and the writer.
            JsonValue value = PARSER.parse(Arrays.copyOfRange(body, start, end)).orElse(null);
            if (value == null) {
                return null;
            }
            payload = CompactJsonWriter.write(value).getBytes(StandardCharsets.UTF_8);
        }
        if (payload.length > maxEventSize) {
            return null;
        }
        long nanos;
        try {
            nanos = AuditEvents.timestampNanos(stamp);
        } catch (RuntimeException e) {
            return null;
        }
        return new AuditEvents.AuditEvent(nanos, payload);
    }

    /**
     * True when the writer would give these bytes back unchanged: ASCII, no whitespace outside
     * strings, and only the escapes it writes itself ({@code \" \\ \n \r \t \b \f}); a
     * {@code \/} or unicode escape is decoded and written differently.
     */
    static boolean isCompactAscii(byte[] bytes, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b >= 0 && PLAIN[b]) {
                continue;
            }
            if (b == '"') {
                inString = !inString;
            } else if (b == ' ') {
                if (!inString) {
                    return false;
                }
            } else if (b == '\\') {
                byte next = i + 1 < end ? bytes[i + 1] : 0;
                if (next != '"' && next != '\\' && next != 'n' && next != 'r' && next != 't' && next != 'b' && next != 'f') {
                    return false;
                }
                i++;
            } else {
                // Non-ASCII (negative), control bytes (whitespace or invalid) and DEL.
                return false;
            }
        }
        return true;
    }
}
