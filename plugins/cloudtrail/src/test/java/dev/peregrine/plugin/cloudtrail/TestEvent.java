package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.Event;
import java.nio.charset.StandardCharsets;

/** A plugin (or other) event with a fixed payload, for extraction tests. */
record TestEvent(long number, long timestampNanos, int type, byte[] payload) implements Event {

    static TestEvent plugin(long number, String json) {
        return new TestEvent(number, 1_700_000_000_123_456_789L, PLUGIN_EVENT_TYPE,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
