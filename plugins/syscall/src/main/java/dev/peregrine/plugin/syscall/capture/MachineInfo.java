package dev.peregrine.plugin.syscall.capture;

/**
 * The machine-info block: the host the capture was recorded on.
 *
 * @param cpuCount     number of CPUs
 * @param memoryBytes  physical memory in bytes
 * @param maxPid       the host's pid limit
 * @param hostname     host name (NUL padding removed)
 * @param bootTimeNanos boot time in ns since the epoch (0 in old captures); turns pid-namespace start
 *                      times into epoch times
 * @param flags        writer flags
 */
public record MachineInfo(int cpuCount, long memoryBytes, long maxPid, String hostname, long bootTimeNanos,
                          long flags) {
}
