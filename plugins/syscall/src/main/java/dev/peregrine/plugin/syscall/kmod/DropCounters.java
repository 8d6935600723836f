package dev.peregrine.plugin.syscall.kmod;

/**
 * The counters of a kernel module ring buffer's info page ({@code struct ppm_ring_buffer_info} after
 * head and tail), or their sum over every ring.
 */
public record DropCounters(long events, long dropsBuffer, long dropsCloneForkExit, long dropsExecveExit,
                           long dropsConnectEnter, long dropsConnectExit, long dropsOpenEnter, long dropsOpenExit,
                           long dropsDirFileExit, long dropsOtherInterestExit, long dropsCloseExit,
                           long dropsProcExit, long dropsPageFaults, long preemptions, long contextSwitches) {

    /** Number of u64 counters in the info page. */
    static final int COUNT = 15;

    static final DropCounters ZERO = new DropCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static DropCounters of(long[] c) {
        return new DropCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12],
                c[13], c[14]);
    }

    /** Events lost for any reason (buffer full or page faults), what {@code syscall_event_drops} watches. */
    public long totalDrops() {
        return dropsBuffer + dropsPageFaults;
    }

    /** The counters under Falco's statistics names ({@code EventStream.driverCounters}). */
    public java.util.Map<String, Long> byStatName() {
        java.util.Map<String, Long> stats = new java.util.LinkedHashMap<>();
        stats.put("n_evts", events);
        stats.put("n_drops_buffer_total", dropsBuffer);
        stats.put("n_drops_buffer_clone_fork_exit", dropsCloneForkExit);
        stats.put("n_drops_buffer_execve_exit", dropsExecveExit);
        stats.put("n_drops_buffer_connect_enter", dropsConnectEnter);
        stats.put("n_drops_buffer_connect_exit", dropsConnectExit);
        stats.put("n_drops_buffer_open_enter", dropsOpenEnter);
        stats.put("n_drops_buffer_open_exit", dropsOpenExit);
        stats.put("n_drops_buffer_dir_file_exit", dropsDirFileExit);
        stats.put("n_drops_buffer_other_interest_exit", dropsOtherInterestExit);
        stats.put("n_drops_buffer_close_exit", dropsCloseExit);
        stats.put("n_drops_buffer_proc_exit", dropsProcExit);
        stats.put("n_drops_page_faults", dropsPageFaults);
        stats.put("n_preemptions", preemptions);
        return stats;
    }

    /** The element-wise sum with {@code other}. */
    public DropCounters plus(DropCounters o) {
        return new DropCounters(events + o.events, dropsBuffer + o.dropsBuffer,
                dropsCloneForkExit + o.dropsCloneForkExit, dropsExecveExit + o.dropsExecveExit,
                dropsConnectEnter + o.dropsConnectEnter, dropsConnectExit + o.dropsConnectExit,
                dropsOpenEnter + o.dropsOpenEnter, dropsOpenExit + o.dropsOpenExit,
                dropsDirFileExit + o.dropsDirFileExit, dropsOtherInterestExit + o.dropsOtherInterestExit,
                dropsCloseExit + o.dropsCloseExit, dropsProcExit + o.dropsProcExit,
                dropsPageFaults + o.dropsPageFaults, preemptions + o.preemptions,
                contextSwitches + o.contextSwitches);
    }
}
