package dev.peregrine.plugin.syscall.field;

import dev.peregrine.plugin.syscall.event.EventView;

/**
 * Caches a text computed from one event (e.g. {@code evt.args}) so that a rule condition and its
 * output format that both ask for it build it once. Keyed by event number and buffer position.
 */
final class PerEventText {

    private long number = -1;
    private int offset = -1;
    private Object buffer;
    private String text;

    /** The cached text of {@code event}, or null when it has not been computed for this event. */
    String get(EventView event) {
        return event.number() == number && event.offset() == offset && event.buffer() == buffer ? text : null;
    }

    String put(EventView event, String value) {
        number = event.number();
        offset = event.offset();
        buffer = event.buffer();
        text = value;
        return value;
    }
}
