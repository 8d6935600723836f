package dev.peregrine.plugin.syscall.replay;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A batch that hands each added event to a callback right away (views are only valid until the next call). */
final class RecordingBatch implements EventBatch {

    private final Consumer<Event> onEvent;
    final List<Long> numbers = new ArrayList<>();

    RecordingBatch(Consumer<Event> onEvent) {
        this.onEvent = onEvent;
    }

    @Override
    public int remaining() {
        return 128;
    }

    @Override
    public boolean add(long timestampNanos, byte[] payload) {
        throw new AssertionError("the syscall source adds event views, not payloads");
    }

    @Override
    public boolean add(Event event) {
        numbers.add(event.number());
        onEvent.accept(event);
        return true;
    }
}
