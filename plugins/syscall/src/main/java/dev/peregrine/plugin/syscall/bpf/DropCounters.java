package dev.peregrine.plugin.syscall.bpf;

/**
 * The probe's counters summed over CPUs ({@code struct drop_counters}).
 *
 * @param events        events written to a ring
 * @param bufferDrops   events lost because their ring buffer was full (all categories)
 * @param otherDrops    events lost for other reasons: no scratch space, missing ring, too large
 * @param fields        every u64 of {@code struct drop_counters}, in header order
 */
public record DropCounters(long events, long bufferDrops, long otherDrops, long[] fields) {

    /** Counters from the raw u64 fields in header order. */
    public static DropCounters of(long[] fields) {
        return new DropCounters(field(fields, ProbeAbi.COUNTER_EVENTS), field(fields, ProbeAbi.COUNTER_DROPS_BUFFER),
                field(fields, ProbeAbi.COUNTER_DROPS_SCRATCH) + field(fields, ProbeAbi.COUNTER_DROPS_BUG)
                        + field(fields, ProbeAbi.COUNTER_DROPS_MAX_EVENT_SIZE), fields.clone());
    }

    private static long field(long[] fields, int index) {
        return index < fields.length ? fields[index] : 0;
    }

    /** Every lost event. */
    public long total() {
        return bufferDrops + otherDrops;
    }
}
