package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.state.SyscallEvent;

/**
 * A bound syscall field: reads the state that came with the event. The state always describes the
 * event being evaluated (the replay delivers one event per batch); events of other sources have none.
 */
final class StateFieldHandle implements FieldHandle {

    private final StateExtractor extractor;
    private final FieldType boundType;

    StateFieldHandle(StateExtractor extractor) {
        this(extractor, null);
    }

    /** A handle whose values have {@code boundType} although the field is declared dynamic. */
    StateFieldHandle(StateExtractor extractor, FieldType boundType) {
        this.extractor = extractor;
        this.boundType = boundType;
    }

    @Override
    public FieldType boundType() {
        return boundType;
    }

    @Override
    public boolean extract(Event event, ValueSink out) {
        if (!(event instanceof SyscallEvent syscall) || syscall.view() != syscall.state().event()) {
            return false;
        }
        return extractor.extract(syscall.state(), out);
    }
}
