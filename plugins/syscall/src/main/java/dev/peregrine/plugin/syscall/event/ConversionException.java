package dev.peregrine.plugin.syscall.event;

/** An old-layout event the converter cannot upgrade (no rule, or a rule that does not fit the event). */
public final class ConversionException extends Exception {

    ConversionException(String message) {
        super(message);
    }
}
