package dev.peregrine.plugin.syscall.capture;

import java.util.List;
import java.util.Objects;

/**
 * The tables a capture section stores before its first event: the state a replay starts from.
 *
 * @param header      the section header
 * @param machine     machine info, or null when the section has none (plugin-only captures)
 * @param processes   threads of every process-list block, in file order
 * @param fds         fds of every fd-list block, in file order
 * @param users       host users of the last user-list block
 * @param groups      host groups of the last user-list block
 * @param interfaces  interface addresses of the last interface-list block
 */
public record CaptureMetadata(SectionHeader header, MachineInfo machine, List<ProcessEntry> processes,
                              List<FdEntry> fds, List<UserEntry> users, List<GroupEntry> groups,
                              List<NetworkInterface> interfaces) {
    public CaptureMetadata {
        Objects.requireNonNull(header, "header");
        processes = List.copyOf(processes);
        fds = List.copyOf(fds);
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        interfaces = List.copyOf(interfaces);
    }
}
