package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.peregrine.api.Event;
import dev.peregrine.api.testing.TestEvent;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Trees primed by the webhook are used in order; anything else is parsed as before. */
class DocumentCacheTest {

    private static byte[] bytes(String id) {
        return ("{\"kind\":\"Event\",\"auditID\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static DocumentCache.Primed primed(byte[] payload) {
        return new DocumentCache.Primed(payload, DocumentCache.decode(payload));
    }

    @Test
    void primedTreesAreUsedAndEventsWhoseFieldsWereNeverReadAreSkipped() {
        DocumentCache cache = new DocumentCache();
        DocumentCache.Primed a = primed(bytes("a"));
        DocumentCache.Primed b = primed(bytes("b"));
        DocumentCache.Primed c = primed(bytes("c"));
        cache.prime(a);
        cache.prime(b);
        cache.prime(c);
        assertSame(b.document(), cache.auditEvent(new TestEvent(2, 0, Event.PLUGIN_EVENT_TYPE, b.payload())));
        byte[] other = bytes("other");
        JsonValue.JsonObject parsed = cache.auditEvent(new TestEvent(3, 0, Event.PLUGIN_EVENT_TYPE, other));
        assertEquals(new JsonValue.JsonString("other"), parsed.member("auditID"));
        assertSame(c.document(), cache.auditEvent(new TestEvent(4, 0, Event.PLUGIN_EVENT_TYPE, c.payload())));
        // a was dropped when b was read: a is parsed again, to an equal tree.
        JsonValue.JsonObject again = cache.auditEvent(new TestEvent(5, 0, Event.PLUGIN_EVENT_TYPE, a.payload()));
        assertEquals(a.document(), again);
    }

    @Test
    void aPrimedNonAuditPayloadStaysWithoutATreeAndTheQueueIsBounded() {
        DocumentCache cache = new DocumentCache();
        byte[] notAudit = "{\"kind\":\"Event\"}".getBytes(StandardCharsets.UTF_8);
        cache.prime(primed(notAudit));
        assertNull(cache.auditEvent(new TestEvent(1, 0, Event.PLUGIN_EVENT_TYPE, notAudit)));
        DocumentCache.Primed first = primed(bytes("first"));
        cache.prime(first);
        for (int i = 0; i < DocumentCache.MAX_PRIMED; i++) {
            cache.prime(primed(bytes("n" + i)));
        }
        JsonValue.JsonObject reparsed = cache.auditEvent(new TestEvent(2, 0, Event.PLUGIN_EVENT_TYPE, first.payload()));
        assertEquals(first.document(), reparsed);
        org.junit.jupiter.api.Assertions.assertNotSame(first.document(), reparsed);
    }
}
