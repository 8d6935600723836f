package dev.peregrine.plugin.json;

import dev.peregrine.api.Event;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * Parses the payload of the current event once, however many json fields a rule reads from it.
 * Owned by one plugin state, which the host serves from one thread at a time.
 */
public final class ParsedPayloadCache {

    private final JsonDocumentParser parser = new JsonDocumentParser();

    private long eventNumber = Long.MIN_VALUE;
    private byte[] payload;
    private JsonValue document;
    private String indented;

    /** The document of {@code event}, or null when the payload is not valid JSON. */
    public JsonValue document(Event event) {
        refresh(event);
        return document;
    }

    /** The indented text of {@code event}'s payload ({@code json.obj}), or null when it is not JSON. */
    public String indented(Event event) {
        refresh(event);
        if (document == null) {
            return null;
        }
        if (indented == null) {
            indented = JsonIndenter.indent(new String(payload, StandardCharsets.UTF_8));
        }
        return indented;
    }

    private void refresh(Event event) {
        byte[] current = event.payload();
        if (event.number() == eventNumber && current == payload) {
            return;
        }
        eventNumber = event.number();
        payload = current;
        indented = null;
        // Like upstream, only payloads that start right away with an object or array are parsed.
        boolean plausible = current.length > 0 && (current[0] == '{' || current[0] == '[');
        document = plausible ? parser.parse(current).orElse(null) : null;
    }
}
