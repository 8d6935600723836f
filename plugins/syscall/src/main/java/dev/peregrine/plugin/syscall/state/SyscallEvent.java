package dev.peregrine.plugin.syscall.state;

import dev.peregrine.api.Event;
import dev.peregrine.plugin.syscall.event.EventView;

/**
 * What the syscall source hands to the host: the current event together with the state as of that
 * event, so that every extractor of the syscall source (this plugin's fields and the container
 * plugin's) reads the same thread and fd tables. One reusable instance per replay, re-pointed per event.
 */
public final class SyscallEvent implements Event {

    private final SyscallState state;
    private EventView view;

    public SyscallEvent(SyscallState state) {
        this.state = state;
    }

    /** Points this event at {@code current}, which must be the event {@link #state()} last applied. */
    public SyscallEvent wrap(EventView current) {
        this.view = current;
        return this;
    }

    /** The driver event. */
    public EventView view() {
        return view;
    }

    /** The replay state, describing this event until the next one is applied. */
    public SyscallState state() {
        return state;
    }

    @Override
    public long number() {
        return view.number();
    }

    @Override
    public long timestampNanos() {
        return view.timestampNanos();
    }

    @Override
    public int type() {
        return view.type();
    }

    @Override
    public String toString() {
        return "SyscallEvent[" + view + "]";
    }
}
