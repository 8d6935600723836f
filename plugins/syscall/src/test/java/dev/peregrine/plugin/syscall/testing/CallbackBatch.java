package dev.peregrine.plugin.syscall.testing;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A batch that hands each added event to a callback right away (views are only valid until the next call). */
public final class CallbackBatch implements EventBatch {

    private final Consumer<Event> onEvent;
    /** The numbers of the events added so far. */
    public final List<Long> numbers = new ArrayList<>();

    public CallbackBatch(Consumer<Event> onEvent) {
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
