package dev.peregrine.plugin.syscall.capture;

import java.util.Objects;

/** One open file descriptor of a thread, from an fd-list block. */
public sealed interface FdEntry {

    /** The thread that holds the fd. */
    long tid();

    /** The fd number. */
    long fd();

    /** Inode number (0 when unknown). */
    long inode();

    /** What the fd refers to. */
    FdKind kind();

    /**
     * A file-like fd known by name (files, directories, fifos, event fds, memfds ...). Kinds from a newer
     * writer are reported as {@link FdKind#UNSUPPORTED} named {@code unknown-type:[N]}.
     *
     * @param openFlags {@code PPM_O_*} flags ({@link FdKind#FILE_V2} only, else 0)
     * @param device    device number ({@link FdKind#FILE_V2} entries that carry it, else 0)
     */
    record Named(long tid, long fd, long inode, FdKind kind, int openFlags, String name, int device)
            implements FdEntry {
        public Named {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A connected IPv4 or IPv6 socket; addresses are in network order, 4 or 16 bytes.
     *
     * @param l4Protocol {@code scap_l4_proto}: 0 unknown, 1 tcp, 2 udp, 3 icmp, 4 raw
     */
    record InetSocket(long tid, long fd, long inode, FdKind kind, byte[] sourceAddress, int sourcePort,
                      byte[] destinationAddress, int destinationPort, int l4Protocol) implements FdEntry {
        public InetSocket {
            Objects.requireNonNull(kind, "kind");
            sourceAddress = sourceAddress.clone();
            destinationAddress = destinationAddress.clone();
        }

        @Override
        public byte[] sourceAddress() {
            return sourceAddress.clone();
        }

        @Override
        public byte[] destinationAddress() {
            return destinationAddress.clone();
        }
    }

    /** A listening IPv4 or IPv6 socket; the address is in network order, 4 or 16 bytes. */
    record InetServerSocket(long tid, long fd, long inode, FdKind kind, byte[] address, int port,
                            int l4Protocol) implements FdEntry {
        public InetServerSocket {
            Objects.requireNonNull(kind, "kind");
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }
    }

    /** A unix-domain socket: kernel socket pointers of both ends and the path. */
    record UnixSocket(long tid, long fd, long inode, long source, long destination, String name)
            implements FdEntry {
        public UnixSocket {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public FdKind kind() {
            return FdKind.UNIX_SOCKET;
        }
    }
}
