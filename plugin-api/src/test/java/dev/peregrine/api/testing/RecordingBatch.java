package dev.peregrine.api.testing;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventBatch} of fixed capacity that records the payload events added to it, for tests of
 * event-sourcing plugins (plugin-api test-jar).
 */
public final class RecordingBatch implements EventBatch {

    /** One added event. */
    public record Added(long timestampNanos, byte[] payload) {
        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The events added so far, in order. */
    public final List<Added> events = new ArrayList<>();
    private final int capacity;

    /** A batch taking at most {@code capacity} events. */
    public RecordingBatch(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public int remaining() {
        return capacity - events.size();
    }

    @Override
    public boolean add(long timestampNanos, byte[] payload) {
        if (remaining() == 0) {
            return false;
        }
        events.add(new Added(timestampNanos, payload));
        return true;
    }

    @Override
    public boolean add(Event event) {
        throw new AssertionError("this test batch records payload events only");
    }

    /** The payloads as UTF-8 text. */
    public List<String> texts() {
        return events.stream().map(Added::text).toList();
    }

    /** Forgets the recorded events. */
    public void clear() {
        events.clear();
    }
}
