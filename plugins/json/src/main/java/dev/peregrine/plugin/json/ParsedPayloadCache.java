package dev.peregrine.plugin.json;

import dev.peregrine.api.Event;
import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * What the json fields read from the current event's payload, computed at most once per event. The
 * first pointer or two are answered by a streaming scan (no tree: the common rule reads one or two
 * scalars such as {@code /stage}); a third distinct pointer, a pointer to an object or array, or
 * {@code json.obj} parses the payload into a tree once and every later read uses it. Owned by one
 * plugin state, which the host serves from one thread at a time.
 */
public final class ParsedPayloadCache {

    /** Streaming scans per event before the tree pays for itself. */
    private static final int SCANS_BEFORE_TREE = 2;

    private final JsonDocumentParser parser = new JsonDocumentParser();
    private final PointerScan scanner = new PointerScan();
    private final JsonPointer[] scannedPointers = new JsonPointer[SCANS_BEFORE_TREE];
    private final Object[] scannedValues = new Object[SCANS_BEFORE_TREE];

    private long eventNumber = Long.MIN_VALUE;
    private byte[] payload;
    private boolean parsed; // the tree was built, or the payload is known not to be JSON
    private JsonValue document;
    private String indented;
    private int scans;

    /** The document of {@code event}, or null when the payload is not valid JSON. */
    public JsonValue document(Event event) {
        refresh(event);
        if (!parsed) {
            parsed = true;
            document = plausible(payload) ? parser.parse(payload).orElse(null) : null;
        }
        return document;
    }

    /**
     * The text {@code json.value[pointer]} shows for {@code event} (strings unquoted, other values as
     * compact JSON), or null when the payload is not valid JSON or the pointer selects nothing.
     */
    public String valueText(Event event, JsonPointer pointer) {
        refresh(event);
        if (!parsed) {
            for (int i = 0; i < scans; i++) {
                if (scannedPointers[i] == pointer) { // pointers are shared per argument text (bindField)
                    return text(scannedValues[i]);
                }
            }
            if (scans < SCANS_BEFORE_TREE) {
                Object found = plausible(payload) ? scanner.scan(payload, pointer.segments()) : PointerScan.INVALID;
                if (found == PointerScan.INVALID) {
                    parsed = true; // the tree parser would refuse the payload too
                    document = null;
                    return null;
                }
                if (found != PointerScan.CONTAINER) {
                    scannedPointers[scans] = pointer;
                    scannedValues[scans++] = found;
                    return text(found);
                }
            }
        }
        JsonValue root = document(event);
        JsonValue value = root == null ? null : pointer.resolve(root);
        if (value == null) {
            return null;
        }
        return value instanceof JsonValue.JsonString string ? string.value() : CompactJsonWriter.write(value);
    }

    /** The indented text of {@code event}'s payload ({@code json.obj}), or null when it is not JSON. */
    public String indented(Event event) {
        if (document(event) == null) {
            return null;
        }
        if (indented == null) {
            indented = JsonIndenter.indent(new String(payload, StandardCharsets.UTF_8));
        }
        return indented;
    }

    private static String text(Object scanned) {
        return scanned instanceof String s ? s : null;
    }

    /** Like upstream, only payloads that start right away with an object or array are parsed. */
    private static boolean plausible(byte[] bytes) {
        return bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[');
    }

    private void refresh(Event event) {
        byte[] current = event.payload();
        if (event.number() == eventNumber && current == payload) {
            return;
        }
        eventNumber = event.number();
        payload = current;
        indented = null;
        parsed = false;
        document = null;
        for (int i = 0; i < scans; i++) {
            scannedPointers[i] = null;
            scannedValues[i] = null;
        }
        scans = 0;
    }
}
