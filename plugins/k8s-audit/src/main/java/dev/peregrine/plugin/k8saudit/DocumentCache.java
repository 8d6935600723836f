package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.Event;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.util.ArrayDeque;

/**
 * Parses the payload of the current event once, however many fields are read from it. Owned by
 * one plugin state, which the host serves from one thread at a time. The webhook parses its
 * events on its own threads and primes the cache with the trees, in the order the events are
 * handed to the host, so the host's thread does not parse them again.
 */
final class DocumentCache {

    /** Primed trees kept at most; older ones (of events no field was read from) are forgotten. */
    static final int MAX_PRIMED = 8192;
    private static final JsonDocumentParser PARSER = new JsonDocumentParser();

    /** A payload and its tree (null: not an audit event object). */
    record Primed(byte[] payload, JsonValue.JsonObject document) {
    }

    private final ArrayDeque<Primed> primed = new ArrayDeque<>();
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
            document = primedOrDecoded(current);
        }
        return document;
    }

    /** Remembers the tree of a payload about to be handed to the host. */
    synchronized void prime(Primed entry) {
        if (primed.size() == MAX_PRIMED) {
            primed.removeFirst();
        }
        primed.addLast(entry);
    }

    private JsonValue.JsonObject primedOrDecoded(byte[] bytes) {
        synchronized (this) {
            // Events come in the order they were primed; entries before this one were never read.
            while (!primed.isEmpty()) {
                Primed first = primed.peekFirst();
                if (first.payload() == bytes) {
                    primed.removeFirst();
                    return first.document();
                }
                if (!contains(bytes)) {
                    break;
                }
                primed.removeFirst();
            }
        }
        return decode(bytes);
    }

    private boolean contains(byte[] bytes) {
        for (Primed entry : primed) {
            if (entry.payload() == bytes) {
                return true;
            }
        }
        return false;
    }

    /** The tree the fields read for {@code bytes}; safe to call from any thread. */
    static JsonValue.JsonObject decode(byte[] bytes) {
        // Upstream only decodes payloads that start like a JSON object or array.
        if (bytes.length == 0 || (bytes[0] != '{' && bytes[0] != '[')) {
            return null;
        }
        JsonValue root = PARSER.parse(bytes).orElse(null);
        if (root instanceof JsonValue.JsonObject object && object.member("auditID") != null) {
            return object;
        }
        return null;
    }
}
