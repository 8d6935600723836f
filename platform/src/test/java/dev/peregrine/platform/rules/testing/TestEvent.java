package dev.peregrine.platform.rules.testing;

import dev.peregrine.api.Event;
import java.util.Map;

/** An event whose field values are given as a map (strings, longs, booleans or lists of them). */
public record TestEvent(long number, int type, Map<String, Object> values) implements Event {
    @Override
    public long timestampNanos() {
        return 1_000_000_000L;
    }
}
