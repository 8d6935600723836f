package dev.peregrine.plugin.syscall.capture;

import java.util.List;

/** Hand-built capture metadata for writer tests. */
final class SampleMetadata {

    private SampleMetadata() {
    }

    static CaptureMetadata minimal() {
        return new CaptureMetadata(new SectionHeader(1, 2, -1, 0), null, List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    static ProcessEntry process(long tid, long pid, String comm) {
        return new ProcessEntry(tid, pid, 1, 7, 8, comm, "/usr/bin/" + comm, "/usr/bin/" + comm,
                List.of("-x", "", "arg with space"), "/home/me/", 1024, 0x20, 1000, 1001, 100, 50, 0, 3, 4,
                List.of("HOME=/home/me", "LANG=C"), tid, pid, List.of("cpu=/user.slice", "memory=/"), "/",
                1_600_000_000_000_000_000L, 34816, 1000, true, 1, 2, 3, false, 123456, 11, 12, false, true,
                pid);
    }

    static CaptureMetadata everyKind() {
        MachineInfo machine = new MachineInfo(2, 4L << 30, 4194304, "peregrine-host", 1_690_000_000_000_000_000L, 0);
        List<FdEntry> fds = List.of(
                new FdEntry.Named(10, 0, 5, FdKind.FILE_V2, 0x3, "/dev/pts/0", 0x88),
                new FdEntry.Named(10, 1, 6, FdKind.FILE, 0, "/etc/passwd", 0),
                new FdEntry.Named(10, 2, 7, FdKind.DIRECTORY, 0, "/tmp", 0),
                new FdEntry.InetSocket(10, 3, 8, FdKind.IPV4_SOCKET, new byte[] {127, 0, 0, 1}, 40000,
                        new byte[] {10, 0, 0, 2}, 443, 1),
                new FdEntry.InetSocket(10, 4, 9, FdKind.IPV6_SOCKET, new byte[16], 1, new byte[16], 2, 2),
                new FdEntry.InetServerSocket(10, 5, 10, FdKind.IPV4_SERVER_SOCKET, new byte[4], 22, 1),
                new FdEntry.InetServerSocket(10, 6, 11, FdKind.IPV6_SERVER_SOCKET, new byte[16], 80, 1),
                new FdEntry.UnixSocket(10, 7, 12, 0xffff0000L, 0xffff1000L, "/run/sock"),
                new FdEntry.Named(10, 8, 13, FdKind.FIFO, 0, "pipe:[13]", 0),
                new FdEntry.Named(10, 9, 14, FdKind.EVENT, 0, "anon_inode:[eventfd]", 0),
                new FdEntry.Named(10, 10, 15, FdKind.MEMFD, 0, "/memfd:x (deleted)", 0),
                new FdEntry.Named(11, 3, 16, FdKind.BPF, 0, "anon_inode:bpf-map", 0));
        return new CaptureMetadata(new SectionHeader(1, 2, -1, 0), machine,
                List.of(process(10, 10, "bash"), process(11, 11, "java"), process(12, 11, "java")), fds,
                List.of(new UserEntry(0, 0, "root", "/root", "/bin/bash"),
                        new UserEntry(1000, 1000, "me", "/home/me", "/bin/sh")),
                List.of(new GroupEntry(0, "root"), new GroupEntry(1000, "me")),
                List.of(new NetworkInterface("lo", false, new byte[] {127, 0, 0, 1}, new byte[] {-1, 0, 0, 0},
                                new byte[] {127, -1, -1, -1}, 0),
                        new NetworkInterface("eth0", true, new byte[16], new byte[16], new byte[16], 1000)));
    }
}
