package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.ValueSink;

/**
 * The handle of a syscall or container field whose extraction does not exist yet. Binding succeeds so
 * rules using these fields compile; the first event that needs the value fails loudly (the run stops
 * with "not implemented yet") instead of silently matching nothing.
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
