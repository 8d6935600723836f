package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.state.SyscallState;

/** Extracts one field from the replay state as it stands for the current event. */
@FunctionalInterface
interface StateExtractor {

    /** Writes the value(s); false when the field has no value for this event. */
    boolean extract(SyscallState state, ValueSink out);
}
