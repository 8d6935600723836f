package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.Event;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;

/**
 * Parses the payload of the current event once, however many fields are read from it. Owned by
 * one plugin state, which the host serves from one thread at a time.
 */
final class DocumentCache {

    private final JsonDocumentParser parser = new JsonDocumentParser();

    private long eventNumber = Long.MIN_VALUE;
    private byte[] payload;
    private JsonValue.JsonObject document;

    /** The payload of {@code event} when it is an audit event object with an {@code auditID}, else null. */
    JsonValue.JsonObject auditEvent(Event event) {
        if (event.type() != Event.PLUGIN_EVENT_TYPE) {
            return null;
        }
        byte[] current = event.payload();
        if (event.number() != eventNumber || current != payload) {
            eventNumber = event.number();
            payload = current;
            document = decode(current);
        }
        return document;
    }

    private JsonValue.JsonObject decode(byte[] bytes) {
        // Upstream only decodes payloads that start like a JSON object or array.
        if (bytes.length == 0 || (bytes[0] != '{' && bytes[0] != '[')) {
            return null;
        }
        JsonValue root = parser.parse(bytes).orElse(null);
        if (root instanceof JsonValue.JsonObject object && object.member("auditID") != null) {
            return object;
        }
        return null;
    }
}
