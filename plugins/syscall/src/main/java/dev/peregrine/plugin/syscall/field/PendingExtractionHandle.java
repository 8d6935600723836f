package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.ValueSink;

/**
 * The handle of a syscall or container field until extraction exists. Binding succeeds so rules
 * using these fields compile; no source produces syscall events yet, so {@link #extract} is never
 * reached in practice and fails loudly if it is.
 */
public final class PendingExtractionHandle implements FieldHandle {

    private final String field;

    public PendingExtractionHandle(String field) {
        this.field = field;
    }

    @Override
    public boolean extract(Event event, ValueSink out) {
        throw new IllegalStateException("syscall field extraction is not implemented yet: " + field);
    }
}
