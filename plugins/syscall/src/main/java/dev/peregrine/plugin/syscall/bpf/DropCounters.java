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

    /** Falco's statistics names of the header's counters, in header order. */
    private static final String[] STAT_NAMES = {"n_evts", "n_drops_buffer_total", "n_drops_buffer_clone_fork_exit",
            "n_drops_buffer_execve_exit", "n_drops_buffer_connect_enter", "n_drops_buffer_connect_exit",
            "n_drops_buffer_open_enter", "n_drops_buffer_open_exit", "n_drops_buffer_dir_file_exit",
            "n_drops_buffer_other_interest_exit", "n_drops_buffer_close_exit", "n_drops_buffer_proc_exit",
            "n_drops_scratch_map", "n_drops_page_faults", "n_drops_bug", "n_drops_max_event_size"};

    /**
     * The counters under Falco's statistics names ({@code EventStream.driverCounters}). Falco's
     * {@code n_evts} counts every event the driver saw, dropped ones included (its drop ratio is drops
     * over it); the probe counts written events apart from drops, so the two are added here.
     */
    public java.util.Map<String, Long> byStatName() {
        java.util.Map<String, Long> stats = new java.util.LinkedHashMap<>();
        for (int i = 0; i < STAT_NAMES.length; i++) {
            stats.put(STAT_NAMES[i], field(fields, i));
        }
        stats.put("n_evts", events + total());
        return stats;
    }

    /** Every lost event. */
    public long total() {
        return bufferDrops + otherDrops;
    }
}
