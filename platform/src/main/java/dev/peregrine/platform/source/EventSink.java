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

    /**
     * The sink for partition {@code partition} of a partitioned source ({@code EventStream.partitions()}),
     * asked once per partition before any loop starts; each partition's loop calls only its own sink,
     * from its own thread, concurrently with the other partitions. The default shares this sink, which is
     * right only for a sink that is safe to call from several threads at once.
     */
    default EventSink forPartition(String source, int partition) {
        return this;
    }
}
