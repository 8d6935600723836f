package dev.peregrine.platform.source;

import dev.peregrine.api.Event;

/**
 * Receives the events of the source loops. Called from each source's own thread; an event is valid
 * only until the call returns (the host reuses it), so sinks copy what they keep.
 */
public interface EventSink {

    void onEvent(String source, Event event);

    /** After the events of one batch, so outputs can flush once per batch. */
    void onEndOfBatch(String source);
}
