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

    /**
     * The concrete value type this binding produces when the field is declared {@link FieldType#DYNAMIC}
     * and its argument decides the type (libsinsp's {@code evt.rawarg.NAME} takes the type of parameter
     * NAME); null when the declared type applies. Read once, when the field is resolved.
     */
    default FieldType boundType() {
        return null;
    }
}
