package dev.peregrine.api.testing;

import dev.peregrine.api.Event;
import java.nio.charset.StandardCharsets;

/** A plugin (or other) event with a fixed payload, for extraction tests (plugin-api test-jar). */
public record TestEvent(long number, long timestampNanos, int type, byte[] payload) implements Event {

    /** A plugin event (type 322) carrying {@code json} as UTF-8. */
    public static TestEvent plugin(long number, String json) {
        return new TestEvent(number, 1_700_000_000_123_456_789L, PLUGIN_EVENT_TYPE,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
