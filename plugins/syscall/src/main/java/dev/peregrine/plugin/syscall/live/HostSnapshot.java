package dev.peregrine.plugin.syscall.live;

import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.MachineInfo;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import java.util.List;

/**
 * The state a live capture starts from. Seam for the {@code /proc} scan (procwrite helper): until it
 * lands this knows only the machine, so threads that existed before the start are learned from their
 * first events.
 */
public final class HostSnapshot {

    private HostSnapshot() {
    }

    /** The machine with no processes, fds or users yet. */
    public static CaptureMetadata machineOnly(int cpus, long bootTimeNanos) {
        String hostname;
        try {
            hostname = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            hostname = "";
        }
        MachineInfo machine = new MachineInfo(cpus, Runtime.getRuntime().maxMemory(), 4_194_304, hostname,
                bootTimeNanos, 0);
        return new CaptureMetadata(new SectionHeader(1, 2, -1, 0), machine, List.of(), List.of(), List.of(),
                List.of(), List.of());
    }
}
