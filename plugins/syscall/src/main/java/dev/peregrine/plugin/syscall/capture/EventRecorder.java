package dev.peregrine.plugin.syscall.capture;

import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;

/**
 * Receives every event a syscall stream reads, before conversion or filtering, so it can be written
 * out as a capture file ({@code -w}). Streams call {@link #record} on their own thread, in order.
 */
public interface EventRecorder extends AutoCloseable {

    /** A recorder that keeps nothing. */
    EventRecorder NONE = new EventRecorder() {
        @Override
        public void record(EventView event) {
        }

        @Override
        public void close() {
        }
    };

    /** Records one event; the view is only valid during the call. */
    void record(EventView event) throws IOException;

    /** Flushes and closes the output. */
    @Override
    void close() throws IOException;
}
