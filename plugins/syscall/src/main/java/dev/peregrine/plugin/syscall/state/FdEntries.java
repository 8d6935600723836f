package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.capture.FdEntry;

/** Turns capture fd-list entries into fd-table entries ({@code syscall-state.md} §2.1 table). */
final class FdEntries {

    private FdEntries() {
    }

    static FdInfo toInfo(FdEntry entry) {
        FdInfo info = switch (entry) {
            case FdEntry.Named named -> named(named);
            case FdEntry.InetSocket socket -> {
                byte[] sip = socket.sourceAddress();
                byte[] dip = socket.destinationAddress();
                boolean v4 = sip.length == 4 || (SocketText.isIpv4Mapped(sip) && SocketText.isIpv4Mapped(dip));
                FdInfo i = new FdInfo(v4 ? FdType.IPV4 : FdType.IPV6, "");
                i.sourceIp = v4 ? SocketText.unmap(sip) : sip;
                i.destinationIp = v4 ? SocketText.unmap(dip) : dip;
                i.sourcePort = socket.sourcePort();
                i.destinationPort = socket.destinationPort();
                i.l4Protocol = socket.l4Protocol();
                i.connected = socket.l4Protocol() == FdInfo.L4_TCP;
                i.role = FdInfo.Role.CLIENT;
                i.name = SocketText.tuple(i.sourceIp, i.sourcePort, i.destinationIp, i.destinationPort);
                i.nameRaw = i.name;
                yield i;
            }
            case FdEntry.InetServerSocket server -> {
                byte[] ip = server.address();
                boolean v4 = ip.length == 4 || SocketText.isIpv4Mapped(ip);
                FdInfo i = new FdInfo(v4 ? FdType.IPV4 : FdType.IPV6, "");
                i.sourceIp = v4 ? SocketText.unmap(ip) : ip;
                i.sourcePort = server.port();
                i.l4Protocol = server.l4Protocol();
                i.serverSocket = true;
                i.role = FdInfo.Role.SERVER;
                i.name = SocketText.endpoint(i.sourceIp, i.sourcePort);
                i.nameRaw = i.name;
                yield i;
            }
            case FdEntry.UnixSocket unix -> {
                FdInfo i = new FdInfo(FdType.UNIX, unix.name());
                i.unixSource = unix.source();
                i.unixDestination = unix.destination();
                i.role = unix.name().isEmpty() ? FdInfo.Role.CLIENT : FdInfo.Role.SERVER;
                yield i;
            }
        };
        info.inode = entry.inode();
        return info;
    }

    private static FdInfo named(FdEntry.Named named) {
        FdType type = switch (named.kind()) {
            case FILE, FILE_V2 -> FdType.FILE;
            case DIRECTORY -> FdType.DIRECTORY;
            case FIFO -> FdType.PIPE;
            case EVENT -> FdType.EVENT;
            case SIGNALFD -> FdType.SIGNALFD;
            case EVENTPOLL -> FdType.EVENTPOLL;
            case INOTIFY -> FdType.INOTIFY;
            case TIMERFD -> FdType.TIMERFD;
            case NETLINK -> FdType.NETLINK;
            case BPF -> FdType.BPF;
            case USERFAULTFD -> FdType.USERFAULTFD;
            case IOURING -> FdType.IOURING;
            case MEMFD -> FdType.MEMFD;
            case PIDFD -> FdType.PIDFD;
            default -> FdType.UNKNOWN;
        };
        FdInfo info = new FdInfo(type, named.name());
        info.openFlags = named.openFlags();
        info.device = named.device() & 0xFFFF_FFFFL;
        return info;
    }
}
