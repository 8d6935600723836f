package dev.peregrine.plugin.syscall.bpf;

/**
 * The Java half of the kernel ↔ Java contract. The source of truth is the probe's header
 * {@code plugins/syscall/src/main/bpf/peregrine_probe.h}; change both together ({@code ProbeAbiTest}
 * compares these offsets with the header).
 */
public final class ProbeAbi {

    /** Class-path resource of the compiled probe object. */
    public static final String OBJECT_RESOURCE = "dev/peregrine/plugin/syscall/bpf/peregrine_probe.bpf.o";

    /** {@code BPF_MAP_TYPE_ARRAY_OF_MAPS} of ring buffers, indexed by {@code tgid % partitions}. */
    public static final String RINGBUF_MAPS = "ringbuf_maps";
    /** One-entry array of {@code struct probe_settings}. */
    public static final String SETTINGS_MAP = "probe_settings";
    /** Array of u8 indexed by syscall number: 1 = emit the exit event. */
    public static final String INTERESTING_SYSCALLS_MAP = "interesting_syscalls";
    /** One-entry per-CPU array of {@code struct drop_counters} (all u64). */
    public static final String DROP_COUNTERS_MAP = "drop_counters";

    /** {@code struct probe_settings}: u64 boot_time. */
    public static final int SETTINGS_BOOT_TIME = 0;
    /** u32 partitions. */
    public static final int SETTINGS_PARTITIONS = 8;
    /** u32 own tgid, skipped by the probe. */
    public static final int SETTINGS_OWN_TGID = 12;
    /** u32 snaplen. */
    public static final int SETTINGS_SNAPLEN = 16;
    /** u8 drop_failed_exit. */
    public static final int SETTINGS_DROP_FAILED_EXIT = 20;
    /** The smallest settings value this loader can fill. */
    public static final int SETTINGS_MIN_SIZE = 24;

    /**
     * The enter-side fallback program ({@code tp_btf/sys_enter}): not auto-attached; the loader
     * attaches it only when a per-syscall enter tracepoint cannot be attached.
     */
    public static final String ENTER_FALLBACK_PROGRAM = "sys_enter";
    /** Name prefix of the per-syscall enter programs ({@code tracepoint/syscalls/sys_enter_*}). */
    public static final String PER_SYSCALL_ENTER_PREFIX = "sys_enter_";

    /** Per-CPU scratch space of the probe, sized to the possible CPUs by the loader. */
    public static final String SCRATCH_MAPS = "scratch_maps";

    /** {@code struct drop_counters}: u64 n_evts first. */
    public static final int COUNTER_EVENTS = 0;
    /** u64 n_drops_buffer second (every buffer-full drop; the categories after it break it down). */
    public static final int COUNTER_DROPS_BUFFER = 1;
    /** u64 n_drops_scratch_map: no scratch space for the CPU. */
    public static final int COUNTER_DROPS_SCRATCH = 12;
    /** u64 n_drops_bug: ring index missing. */
    public static final int COUNTER_DROPS_BUG = 14;
    /** u64 n_drops_max_event_size: event larger than the largest record. */
    public static final int COUNTER_DROPS_MAX_EVENT_SIZE = 15;
    /** Number of u64 counters in {@code struct drop_counters}. */
    public static final int COUNTER_FIELDS = 16;

    private ProbeAbi() {
    }
}
