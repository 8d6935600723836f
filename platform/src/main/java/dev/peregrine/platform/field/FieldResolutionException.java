package dev.peregrine.platform.field;

/** A field reference that cannot be bound; the message is Falco's text for the case. */
public final class FieldResolutionException extends Exception {
    public FieldResolutionException(String message) {
        super(message);
    }
}
