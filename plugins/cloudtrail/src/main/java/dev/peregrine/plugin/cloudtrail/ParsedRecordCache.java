package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.Event;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.util.Arrays;

/**
 * Parses the payload of the current event once, however many fields are read from it. Owned by
 * one plugin state, which the host serves from one thread at a time.
 */
final class ParsedRecordCache {

    private final JsonDocumentParser parser = new JsonDocumentParser();

    private long eventNumber = Long.MIN_VALUE;
    private byte[] payload;
    private JsonValue document;

    /** The parsed payload of {@code event}, or null when it is not valid JSON. */
    JsonValue document(Event event) {
        byte[] current = event.payload();
        if (event.number() != eventNumber || current != payload) {
            eventNumber = event.number();
            payload = current;
            document = parser.parse(withoutNulPadding(current)).orElse(null);
        }
        return document;
    }

    private static byte[] withoutNulPadding(byte[] bytes) {
        int start = 0;
        int end = bytes.length;
        while (start < end && bytes[start] == 0) {
            start++;
        }
        while (end > start && bytes[end - 1] == 0) {
            end--;
        }
        return start == 0 && end == bytes.length ? bytes : Arrays.copyOfRange(bytes, start, end);
    }
}
