package dev.peregrine.api;

import java.util.Set;

/**
 * The event types of a source, by name and numeric code, so rule conditions can be checked
 * ({@code unknown event type X}) and rules indexed by event type at compile time.
 */
public interface EventTypeCatalog {

    /** Number of event codes; codes are dense in {@code [0, codeCount())}. */
    int codeCount();

    /** Codes an {@code evt.type = name} check matches (enter and exit); empty when unknown. */
    int[] codesOf(String name);

    /** Every name {@code evt.type} accepts. */
    Set<String> names();

    /** The name {@code evt.type} reports for a code. */
    String nameOf(int code);

    /** True for codes that rule evaluation may see (e.g. exit events only for syscalls). */
    default boolean isEvaluated(int code) {
        return true;
    }
}
