package dev.peregrine.plugin.syscall.capture;

import java.util.HexFormat;
import java.util.List;

/** Renders capture metadata as comparable text (records holding arrays compare by reference). */
final class MetadataText {

    private static final HexFormat HEX = HexFormat.of();

    private MetadataText() {
    }

    static String of(CaptureMetadata m) {
        StringBuilder out = new StringBuilder();
        out.append(m.machine()).append('\n');
        m.processes().forEach(p -> out.append(p).append('\n'));
        m.fds().forEach(fd -> out.append(fd(fd)).append('\n'));
        m.users().forEach(u -> out.append(u).append('\n'));
        m.groups().forEach(g -> out.append(g).append('\n'));
        m.interfaces().forEach(i -> out.append(i.name()).append(' ').append(i.ipv6()).append(' ')
                .append(HEX.formatHex(i.address())).append(' ').append(HEX.formatHex(i.netmask())).append(' ')
                .append(HEX.formatHex(i.broadcast())).append(' ').append(i.linkSpeed()).append('\n'));
        return out.toString();
    }

    static List<String> fds(CaptureMetadata m) {
        return m.fds().stream().map(MetadataText::fd).toList();
    }

    static String fd(FdEntry fd) {
        return switch (fd) {
            case FdEntry.InetSocket s -> "inet " + s.tid() + " " + s.fd() + " " + s.inode() + " " + s.kind() + " "
                    + HEX.formatHex(s.sourceAddress()) + ":" + s.sourcePort() + " -> "
                    + HEX.formatHex(s.destinationAddress()) + ":" + s.destinationPort() + " " + s.l4Protocol();
            case FdEntry.InetServerSocket s -> "server " + s.tid() + " " + s.fd() + " " + s.inode() + " " + s.kind()
                    + " " + HEX.formatHex(s.address()) + ":" + s.port() + " " + s.l4Protocol();
            case FdEntry.UnixSocket s -> s.toString();
            case FdEntry.Named n -> n.toString();
        };
    }
}
