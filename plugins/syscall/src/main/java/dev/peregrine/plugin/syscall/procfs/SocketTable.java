package dev.peregrine.plugin.syscall.procfs;

import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.FdKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sockets of one network namespace by inode, from {@code net/tcp, tcp6, udp, udp6, raw, raw6, unix,
 * netlink}:
 * turns {@code socket:[inode]} fd links into fd-list entries with their tuples.
 */
final class SocketTable {

    private static final int TCP = 1;
    private static final int UDP = 2;
    private static final int RAW = 4;

    /** A socket found in the tables: builds the fd entry once the owning tid and fd are known. */
    private interface Template {
        FdEntry entry(long tid, long fd, long inode);
    }

    private final Map<Long, Template> byInode = new HashMap<>();

    /** Reads the tables under {@code netDir}; missing tables are simply absent (no IPv6, no raw sockets). */
    static SocketTable read(Path netDir) {
        SocketTable table = new SocketTable();
        table.inet(netDir.resolve("tcp"), false, TCP);
        table.inet(netDir.resolve("tcp6"), true, TCP);
        table.inet(netDir.resolve("udp"), false, UDP);
        table.inet(netDir.resolve("udp6"), true, UDP);
        table.inet(netDir.resolve("raw"), false, RAW);
        table.inet(netDir.resolve("raw6"), true, RAW);
        table.unix(netDir.resolve("unix"));
        table.netlink(netDir.resolve("netlink"));
        return table;
    }

    /** The entry for a socket inode, or null when no table lists it (netlink, packet, vsock ...). */
    FdEntry entry(long tid, long fd, long inode) {
        Template template = byInode.get(inode);
        return template == null ? null : template.entry(tid, fd, inode);
    }

    int size() {
        return byInode.size();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private void inet(Path file, boolean ipv6, int protocol) {
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            long inode;
            try {
                inode = Long.parseLong(f[9]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (inode == 0) {
                continue; // time-wait entries own no socket
            }
            String[] local = f[1].split(":");
            String[] remote = f[2].split(":");
            byte[] localAddress = address(local[0]);
            byte[] remoteAddress = address(remote[0]);
            int localPort = Integer.parseInt(local[1], 16);
            int remotePort = Integer.parseInt(remote[1], 16);
            // As libscap: a socket without a remote address is a server socket, whatever its protocol or state.
            boolean server = isZero(remoteAddress);
            FdKind kind = ipv6 ? (server ? FdKind.IPV6_SERVER_SOCKET : FdKind.IPV6_SOCKET)
                    : (server ? FdKind.IPV4_SERVER_SOCKET : FdKind.IPV4_SOCKET);
            if (server) {
                byInode.put(inode, (tid, fd, ino) -> new FdEntry.InetServerSocket(tid, fd, ino, kind, localAddress,
                        localPort, protocol));
            } else {
                byInode.put(inode, (tid, fd, ino) -> new FdEntry.InetSocket(tid, fd, ino, kind, localAddress,
                        localPort, remoteAddress, remotePort, protocol));
            }
        }
    }

    private void unix(Path file) {
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+", 8);
            if (f.length < 7) {
                continue;
            }
            try {
                long kernelAddress = Long.parseUnsignedLong(stripColon(f[0]), 16);
                long inode = Long.parseLong(f[6]);
                String path = f.length > 7 ? f[7] : "";
                byInode.put(inode, (tid, fd, ino) -> new FdEntry.UnixSocket(tid, fd, ino, kernelAddress, 0, path));
            } catch (NumberFormatException e) {
                // a line of a layout we do not know: leave that socket out
            }
        }
    }

    /** Netlink sockets: only their inodes are known; libscap lists them without a name. */
    private void netlink(Path file) {
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                long inode = Long.parseLong(f[9]);
                byInode.put(inode, (tid, fd, ino) -> new FdEntry.Named(tid, fd, ino, FdKind.NETLINK, 0, "", 0));
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
    }

    private static String stripColon(String text) {
        return text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The kernel prints addresses as host-order 32-bit words in hex; on a little-endian host the bytes of
     * each word reversed give network order.
     */
    static byte[] address(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int word = 0; word < out.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                out[word * 4 + b] = (byte) Integer.parseInt(hex, at, at + 2, 16);
            }
        }
        return out;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
