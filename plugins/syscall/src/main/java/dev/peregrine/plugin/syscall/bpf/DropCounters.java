package dev.peregrine.plugin.syscall.bpf;

/**
 * The probe's counters summed over CPUs.
 *
 * @param events          events the probe tried to emit
 * @param bufferDrops     events lost because their ring buffer was full (all categories)
 * @param oversizeDrops   events lost because they exceeded the largest record
 * @param fields          every u64 of {@code struct drop_counters}, in header order
 */
public record DropCounters(long events, long bufferDrops, long oversizeDrops, long[] fields) {

    /** Counters from the raw u64 fields (n_evts first, n_drops_buffer second, n_drops_max_event_size last). */
    public static DropCounters of(long[] fields) {
        long events = fields.length > ProbeAbi.COUNTER_EVENTS ? fields[ProbeAbi.COUNTER_EVENTS] : 0;
        long buffer = fields.length > ProbeAbi.COUNTER_DROPS_BUFFER ? fields[ProbeAbi.COUNTER_DROPS_BUFFER] : 0;
        long oversize = fields.length > 2 ? fields[fields.length - 1] : 0;
        return new DropCounters(events, buffer, oversize, fields.clone());
    }

    /** Every lost event. */
    public long total() {
        return bufferDrops + oversizeDrops;
    }
}
