package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.state.StateHolder;
import dev.peregrine.plugin.syscall.state.SyscallState;

/**
 * A bound syscall field: reads the state of the source its plugin instance opened. The state always
 * describes the event being evaluated (the replay delivers one event per batch), so the event argument
 * only guards against being asked about another source's events.
 */
final class StateFieldHandle implements FieldHandle {

    private final StateHolder holder;
    private final StateExtractor extractor;

    StateFieldHandle(StateHolder holder, StateExtractor extractor) {
        this.holder = holder;
        this.extractor = extractor;
    }

    @Override
    public boolean extract(Event event, ValueSink out) {
        SyscallState state = holder.get();
        if (state == null || state.event() == null || event != state.event()) {
            return false;
        }
        return extractor.extract(state, out);
    }
}
