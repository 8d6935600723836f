package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.event.EventView;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** Socket addresses: connect, accept, bind and the tuples of send/receive calls (§4.2, §4.3). */
final class NetworkUpdater implements StateUpdater {

    /** {@code PPM_AF_*} families as stored in sockaddr/tuple parameters and socket() domains. */
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    private static final long EINPROGRESS = -115;

    private static final int CONNECT = 1;
    private static final int CONNECT_ENTER = 2;
    private static final int ACCEPT = 3;
    private static final int BIND = 4;
    private static final int TRANSFER = 5;

    @Override
    public Map<String, Integer> handledEvents() {
        Map<String, Integer> events = new HashMap<>();
        events.put("PPME_SOCKET_CONNECT_X", CONNECT);
        events.put("PPME_SOCKET_CONNECT_E", CONNECT_ENTER);
        events.put("PPME_SOCKET_ACCEPT_5_X", ACCEPT);
        events.put("PPME_SOCKET_ACCEPT4_6_X", ACCEPT);
        events.put("PPME_SOCKET_BIND_X", BIND);
        events.put("PPME_SOCKET_SENDTO_X", TRANSFER);
        events.put("PPME_SOCKET_RECVFROM_X", TRANSFER);
        events.put("PPME_SOCKET_SENDMSG_X", TRANSFER);
        events.put("PPME_SOCKET_RECVMSG_X", TRANSFER);
        return events;
    }

    @Override
    public void apply(SyscallState state, EventView e, int kind) {
        ThreadInfo thread = state.thread();
        if (thread == null) {
            return;
        }
        switch (kind) {
            case CONNECT_ENTER -> state.storeEnter(e);
            case CONNECT -> connect(state, e);
            case ACCEPT -> accept(state, e, thread);
            case BIND -> bind(state, e);
            case TRANSFER -> transfer(state, e, thread);
            default -> throw new IllegalStateException("unknown network event kind " + kind);
        }
    }

    // connect X: 0 res, 1 tuple, 2 fd, 3 addr
    private static void connect(SyscallState state, EventView e) {
        long res = SyscallState.signed(e, 0, -1);
        FdInfo fd = state.fd();
        if (fd == null || (res < 0 && res != EINPROGRESS)) {
            return;
        }
        String before = fd.name;
        if (SyscallState.present(e, 1) && setTuple(fd, e, 1, true)) {
            if (!fd.name.equals(before)) {
                state.markFdNameChanged();
            }
            fd.connected = true;
            if (fd.role == FdInfo.Role.NONE) {
                fd.role = FdInfo.Role.CLIENT;
            }
            return;
        }
        EventView enter = state.pairedEnter();
        if (enter != null && SyscallState.present(enter, 1)) {
            ByteBuffer b = enter.buffer();
            int at = enter.paramOffset(1);
            int family = b.get(at);
            if ((family == AF_INET && enter.paramLength(1) >= 7) || (family == AF_INET6 && enter.paramLength(1) >= 19)) {
                int size = family == AF_INET ? 4 : 16;
                fd.destinationIp = bytes(b, at + 1, size);
                fd.destinationPort = b.getShort(at + 1 + size) & 0xFFFF;
                fd.connected = true;
            }
        }
    }

    // accept X: 0 fd, 1 tuple; accept4 adds 5 flags
    private static void accept(SyscallState state, EventView e, ThreadInfo thread) {
        long fd = SyscallState.signed(e, 0, -1);
        if (fd < 0 || !SyscallState.present(e, 1)) {
            return;
        }
        FdInfo info = new FdInfo(FdType.UNKNOWN, "");
        if (!setTuple(info, e, 1, false)) {
            return;
        }
        info.role = FdInfo.Role.SERVER;
        info.connected = true;
        if (info.type.isInet()) {
            info.l4Protocol = FdInfo.L4_TCP;
        }
        if (e.paramCount() > 5 && (SyscallState.signed(e, 5, 0) & 0x80000) != 0) {
            info.openFlags |= FdInfo.O_CLOEXEC;
        }
        state.threads().fds(thread).put(fd, info);
        state.setCurrentFd(fd, info);
    }

    // bind X: 0 res, 1 addr, 2 fd
    private static void bind(SyscallState state, EventView e) {
        FdInfo fd = state.fd();
        if (fd == null || SyscallState.signed(e, 0, -1) < 0 || !SyscallState.present(e, 1)) {
            return;
        }
        ByteBuffer b = e.buffer();
        int at = e.paramOffset(1);
        int family = b.get(at);
        int length = e.paramLength(1);
        if ((family == AF_INET && length >= 7) || (family == AF_INET6 && length >= 19)) {
            int size = family == AF_INET ? 4 : 16;
            byte[] ip = bytes(b, at + 1, size);
            int port = b.getShort(at + 1 + size) & 0xFFFF;
            if (port > 0) {
                boolean v4 = size == 4 || SocketText.isIpv4Mapped(ip);
                fd.type = v4 ? FdType.IPV4 : FdType.IPV6;
                fd.sourceIp = v4 ? SocketText.unmap(ip) : ip;
                fd.sourcePort = port;
                fd.serverSocket = true;
                fd.role = FdInfo.Role.SERVER;
                fd.name = SocketText.endpoint(fd.sourceIp, port);
            }
        } else if (family == AF_UNIX) {
            fd.name = text(b, at + 1, length - 1);
            fd.role = FdInfo.Role.SERVER;
        }
    }

    /** sendto/recvfrom/sendmsg/recvmsg: the tuple names an unnamed or non-TCP socket. */
    private static void transfer(SyscallState state, EventView e, ThreadInfo thread) {
        int tupleParam = -1;
        for (int i = 0; i < e.paramCount(); i++) {
            if (e.info().params().get(i).type().equals("PT_SOCKTUPLE")) {
                tupleParam = i;
                break;
            }
        }
        if (tupleParam < 0 || !SyscallState.present(e, tupleParam) || SyscallState.signed(e, 0, -1) < 0) {
            return;
        }
        FdInfo fd = state.fd();
        if (fd == null) {
            long number = state.fdNumber();
            if (number < 0 || !e.info().name().startsWith("send")) {
                return;
            }
            fd = new FdInfo(FdType.IPV4, "");
            fd.l4Protocol = FdInfo.L4_UDP;
            if (!setTuple(fd, e, tupleParam, true)) {
                return;
            }
            state.threads().fds(thread).put(number, fd);
            state.setCurrentFd(number, fd);
        } else if (fd.type.isInet() && (fd.name.isEmpty() || fd.l4Protocol != FdInfo.L4_TCP)) {
            setTuple(fd, e, tupleParam, true);
        } else {
            return;
        }
        if (fd.role == FdInfo.Role.NONE) {
            fd.role = FdInfo.Role.CLIENT;
        }
        fd.connected = true;
    }

    /**
     * Sets type, addresses and name of {@code fd} from tuple parameter {@code p}; false for families
     * without addresses. The tuple's source side is the client for accepts and the local end otherwise.
     */
    private static boolean setTuple(FdInfo fd, EventView e, int p, boolean keepProtocol) {
        ByteBuffer b = e.buffer();
        int at = e.paramOffset(p);
        int length = e.paramLength(p);
        int family = b.get(at);
        if ((family == AF_INET && length >= 13) || (family == AF_INET6 && length >= 37)) {
            int size = family == AF_INET ? 4 : 16;
            byte[] sip = bytes(b, at + 1, size);
            int sport = b.getShort(at + 1 + size) & 0xFFFF;
            byte[] dip = bytes(b, at + 3 + size, size);
            int dport = b.getShort(at + 3 + 2 * size) & 0xFFFF;
            boolean v4 = size == 4 || (SocketText.isIpv4Mapped(sip) && SocketText.isIpv4Mapped(dip));
            fd.type = v4 ? FdType.IPV4 : FdType.IPV6;
            fd.sourceIp = v4 ? SocketText.unmap(sip) : sip;
            fd.destinationIp = v4 ? SocketText.unmap(dip) : dip;
            fd.sourcePort = sport;
            fd.destinationPort = dport;
            fd.serverSocket = false;
            fd.name = SocketText.tuple(fd.sourceIp, sport, fd.destinationIp, dport);
            fd.nameRaw = fd.name;
            return true;
        }
        if (family == AF_UNIX && length >= 17) {
            fd.type = FdType.UNIX;
            fd.unixSource = b.getLong(at + 1);
            fd.unixDestination = b.getLong(at + 9);
            fd.name = SocketText.unixTuple(fd.unixSource, fd.unixDestination, text(b, at + 17, length - 17));
            fd.nameRaw = fd.name;
            return true;
        }
        return false;
    }

    private static byte[] bytes(ByteBuffer b, int at, int size) {
        byte[] out = new byte[size];
        b.get(at, out);
        return out;
    }

    /** NUL-terminated text of at most {@code max} bytes. */
    static String text(ByteBuffer b, int at, int max) {
        int n = 0;
        while (n < max && b.get(at + n) != 0) {
            n++;
        }
        byte[] out = new byte[n];
        b.get(at, out);
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
