package dev.peregrine.api;

import java.util.List;

/**
 * An open event source. Read by one host thread; {@link #nextBatch} never blocks indefinitely. A stream
 * may instead offer {@link #partitions()}, each read by its own host thread (see the package
 * documentation).
 */
public interface EventStream extends AutoCloseable {

    /**
     * Fills {@code batch} with the next events.
     *
     * @return {@link BatchStatus#SUCCESS} when events (possibly none) were added,
     *         {@link BatchStatus#TIMEOUT} when nothing is available now, {@link BatchStatus#EOF} at the end
     * @throws PluginException on failure; the events of this call are discarded and the host stops
     */
    BatchStatus nextBatch(EventBatch batch) throws PluginException;

    /** Progress through a finite input in hundredths of a percent (0..10000), or -1 if unknown. */
    default int progress() {
        return -1;
    }

    /** A short text for the progress, e.g. the file being read. */
    default String progressText() {
        return "";
    }

    /**
     * The driver's cumulative counters by Falco's statistics names ({@code n_evts},
     * {@code n_drops_buffer_total}, {@code n_drops_buffer_<category>_exit}, {@code n_drops_scratch_map},
     * {@code n_drops_page_faults}, {@code n_drops_bug}, ...), for the drop monitor's alert; read about once
     * a second, like {@link #driverDrops}. Empty (the default) when the driver keeps no such counters.
     */
    default java.util.Map<String, Long> driverCounters() {
        return java.util.Map.of();
    }

    /**
     * Events the source's driver lost before they reached this stream (kernel ring buffers full),
     * cumulative since open; the host's drop monitor reads it about once a second from the reading
     * thread. 0 for sources that cannot lose events.
     */
    default long driverDrops() {
        return 0;
    }

    /**
     * Independent sub-streams the host reads in parallel, one host thread each, instead of calling
     * {@link #nextBatch} on this stream; empty (the default) for a stream that is not partitioned. Asked
     * once, right after {@code open}. Events of one partition arrive in order; a field handle is called
     * for an event only on the thread that received it; this stream's {@link #close} closes every
     * partition, and the host calls it once, after every partition thread has ended. Each partition's
     * {@link #driverDrops} is not read: this stream's reports the whole source.
     */
    default List<EventStream> partitions() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
