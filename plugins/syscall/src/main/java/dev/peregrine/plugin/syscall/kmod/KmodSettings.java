package dev.peregrine.plugin.syscall.kmod;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to open and configure the kernel module's devices.
 *
 * @param deviceDir      where the devices live ({@code /dev})
 * @param deviceName     the device prefix, also the module's name under {@code /sys/module} ({@code falco})
 * @param sysModuleDir   {@code /sys/module}, where the module's {@code g_buffer_bytes_dim} parameter lives
 * @param bufferBytes    bytes of each per-CPU ring buffer
 * @param snaplen        bytes of I/O buffers the module captures per event
 * @param dropFailedExit whether the module drops exit events of failed syscalls
 * @param syscallNames   the selected syscalls by name (decides the fork/exec tracepoints)
 * @param natives        the selected syscalls by x86_64 number (index = number), what the ioctls take
 */
public record KmodSettings(Path deviceDir, String deviceName, Path sysModuleDir, long bufferBytes, int snaplen,
                           boolean dropFailedExit, Set<String> syscallNames, boolean[] natives) {

    public KmodSettings {
        syscallNames = Set.copyOf(syscallNames);
        natives = natives.clone();
    }

    /** Whether native syscall {@code number} is selected. */
    boolean selected(int number) {
        return number < natives.length && natives[number];
    }
}
