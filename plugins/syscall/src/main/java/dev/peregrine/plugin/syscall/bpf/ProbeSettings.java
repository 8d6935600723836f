package dev.peregrine.plugin.syscall.bpf;

/**
 * What the loader tells the probe before it runs (the {@code probe_settings} map and the ring sizes).
 *
 * @param partitions     ring buffers; events of a process go to ring {@code tgid % partitions}
 * @param ringBytes      bytes per ring buffer (a power of two, a multiple of the page size)
 * @param ownTgid        our own process, which the probe skips
 * @param dropFailedExit whether exit events of failed syscalls are dropped in the kernel
 * @param snaplen        bytes of I/O buffers captured per event
 * @param bootTimeNanos  the boot time in ns since the epoch: the probe adds it to the boot clock
 */
public record ProbeSettings(int partitions, long ringBytes, int ownTgid, boolean dropFailedExit, int snaplen,
                            long bootTimeNanos) {

    /** Default snaplen of Falco's drivers. */
    public static final int DEFAULT_SNAPLEN = 80;

    public ProbeSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("at least one ring buffer is needed, got " + partitions);
        }
        if (ringBytes < 4096 || Long.bitCount(ringBytes) != 1 || ringBytes > (1L << 30)) {
            throw new IllegalArgumentException("ring buffer size " + ringBytes
                    + " must be a power of two between 4 KiB and 1 GiB");
        }
    }
}
