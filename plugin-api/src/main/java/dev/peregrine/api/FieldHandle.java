package dev.peregrine.api;

/**
 * One field bound with its argument, created once at compile time and used for every event.
 * Implementations must not allocate per call in steady state where they can avoid it.
 */
@FunctionalInterface
public interface FieldHandle {

    /**
     * Writes the field's value(s) for {@code event} into {@code out}.
     *
     * @return false when the field has no value for this event (not applicable, or extraction
     *         failed); nothing written to {@code out} counts then. An empty list is "no value".
     */
    boolean extract(Event event, ValueSink out);
}
