package dev.peregrine.plugin.syscall.kmod;

/**
 * The kernel module's ioctl requests ({@code syscall-events.md} §5.1): {@code _IO('s', n)}, which on Linux
 * is {@code 's' << 8 | n} (no direction bits, no size), and the ids of its tracepoint programs.
 */
final class KmodIoctl {

    /** The ioctl type byte of the module's devices. */
    static final int MAGIC = 's';

    static final int DISABLE_DROPPING_MODE = io(2);
    static final int ENABLE_DROPPING_MODE = io(3);
    static final int SET_SNAPLEN = io(4);
    static final int GET_API_VERSION = io(24);
    static final int GET_SCHEMA_VERSION = io(25);
    /** Argument: the native (x86_64) syscall number, as libscap passes it. */
    static final int ENABLE_SYSCALL = io(29);
    static final int DISABLE_SYSCALL = io(30);
    /** Argument: a {@link Tracepoint} ordinal. */
    static final int ENABLE_TP = io(31);
    static final int DISABLE_TP = io(32);
    static final int ENABLE_DROPFAILED = io(33);
    static final int DISABLE_DROPFAILED = io(34);

    /** Size of the module's per-syscall switch table: libscap disables ids 0..511 before it starts. */
    static final int SYSCALL_TABLE_SIZE = 512;

    /**
     * The module's tracepoint programs in the order of its {@code kmod_prog_codes} enum: the ordinal is the
     * argument of {@link #ENABLE_TP}/{@link #DISABLE_TP}.
     */
    enum Tracepoint {
        SYS_ENTER, SYS_EXIT, SCHED_PROCESS_EXIT, SCHED_SWITCH, PAGE_FAULT_USER, PAGE_FAULT_KERNEL, SIGNAL_DELIVER,
        SCHED_PROCESS_FORK, SCHED_PROCESS_EXEC;

        /** The order libscap switches them in (syscall pair, fork, exec, then the rest in enum order). */
        static final java.util.List<Tracepoint> SWITCH_ORDER = java.util.List.of(SYS_ENTER, SYS_EXIT,
                SCHED_PROCESS_FORK, SCHED_PROCESS_EXEC, SCHED_PROCESS_EXIT, SCHED_SWITCH, PAGE_FAULT_USER,
                PAGE_FAULT_KERNEL, SIGNAL_DELIVER);
    }

    private KmodIoctl() {
    }

    /** {@code _IO('s', number)}. */
    static int io(int number) {
        return (MAGIC << 8) | number;
    }

    /** A readable name for a request, for error sentences. */
    static String name(int request) {
        return switch (request & 0xFF) {
            case 2 -> "PPM_IOCTL_DISABLE_DROPPING_MODE";
            case 3 -> "PPM_IOCTL_ENABLE_DROPPING_MODE";
            case 4 -> "PPM_IOCTL_SET_SNAPLEN";
            case 24 -> "PPM_IOCTL_GET_API_VERSION";
            case 25 -> "PPM_IOCTL_GET_SCHEMA_VERSION";
            case 29 -> "PPM_IOCTL_ENABLE_SYSCALL";
            case 30 -> "PPM_IOCTL_DISABLE_SYSCALL";
            case 31 -> "PPM_IOCTL_ENABLE_TP";
            case 32 -> "PPM_IOCTL_DISABLE_TP";
            case 33 -> "PPM_IOCTL_ENABLE_DROPFAILED";
            case 34 -> "PPM_IOCTL_DISABLE_DROPFAILED";
            default -> "ioctl " + (request & 0xFF);
        };
    }
}
