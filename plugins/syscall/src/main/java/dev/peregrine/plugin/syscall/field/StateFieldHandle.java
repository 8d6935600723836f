package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.state.SyscallEvent;

/**
 * A bound syscall field: reads the state that came with the event. The state always describes the
 * event being evaluated (the replay delivers one event per batch); events of other sources have none.
 */
final class StateFieldHandle implements FieldHandle {

    private final StateExtractor extractor;

    StateFieldHandle(StateExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public boolean extract(Event event, ValueSink out) {
        if (!(event instanceof SyscallEvent syscall) || syscall.view() != syscall.state().event()) {
            return false;
        }
        return extractor.extract(syscall.state(), out);
    }
}
