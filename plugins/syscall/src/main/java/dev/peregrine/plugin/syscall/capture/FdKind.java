package dev.peregrine.plugin.syscall.capture;

/** The kind of an fd-list entry ({@code scap_fd_type}); {@link #code()} is the value on the wire. */
public enum FdKind {
    UNKNOWN(0), FILE(1), DIRECTORY(2), IPV4_SOCKET(3), IPV6_SOCKET(4), IPV4_SERVER_SOCKET(5),
    IPV6_SERVER_SOCKET(6), FIFO(7), UNIX_SOCKET(8), EVENT(9), UNSUPPORTED(10), SIGNALFD(11),
    EVENTPOLL(12), INOTIFY(13), TIMERFD(14), NETLINK(15), FILE_V2(16), BPF(17), USERFAULTFD(18),
    IOURING(19), MEMFD(20), PIDFD(21);

    private static final FdKind[] BY_CODE = values();

    private final int code;

    FdKind(int code) {
        this.code = code;
    }

    /** The {@code scap_fd_type} value. */
    public int code() {
        return code;
    }

    /** The kind of a wire value, or null for a value this reader does not know. */
    static FdKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
