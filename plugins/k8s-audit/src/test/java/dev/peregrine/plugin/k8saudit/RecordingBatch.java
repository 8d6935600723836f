package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventBatch} of fixed capacity that records what was added. */
final class RecordingBatch implements EventBatch {

    /** One added event. */
    record Added(long timestampNanos, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final List<Added> events = new ArrayList<>();
    private final int capacity;

    RecordingBatch(int capacity) {
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
        throw new AssertionError("the k8saudit source only adds payload events");
    }

    List<String> texts() {
        return events.stream().map(Added::text).toList();
    }

    void clear() {
        events.clear();
    }
}
