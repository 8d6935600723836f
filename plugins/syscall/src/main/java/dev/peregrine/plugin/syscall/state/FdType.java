package dev.peregrine.plugin.syscall.state;

/** What an fd refers to, with libsinsp's {@code fd.type} name and {@code fd.typechar}. */
public enum FdType {
    FILE("file", 'f'),
    DIRECTORY("directory", 'd'),
    IPV4("ipv4", '4'),
    IPV6("ipv6", '6'),
    UNIX("unix", 'u'),
    PIPE("pipe", 'p'),
    EVENT("event", 'e'),
    SIGNALFD("signalfd", 's'),
    EVENTPOLL("eventpoll", 'l'),
    INOTIFY("inotify", 'i'),
    TIMERFD("timerfd", 't'),
    NETLINK("netlink", 'n'),
    BPF("bpf", 'b'),
    USERFAULTFD("userfaultfd", 'u'),
    IOURING("io_uring", 'r'),
    MEMFD("memfd", 'm'),
    PIDFD("pidfd", 'P'),
    /** Kinds libsinsp does not track (unsupported fd lists, unknown socket families). */
    UNKNOWN("<NA>", 'o');

    private final String text;
    private final char typeChar;
    private final String typeCharText;

    FdType(String text, char typeChar) {
        this.text = text;
        this.typeChar = typeChar;
        this.typeCharText = String.valueOf(typeChar);
    }

    /** The {@code fd.type} string. */
    public String text() {
        return text;
    }

    /** The {@code fd.typechar} character. */
    public char typeChar() {
        return typeChar;
    }

    /** {@link #typeChar()} as a shared string, so extraction does not allocate. */
    public String typeCharText() {
        return typeCharText;
    }

    /** True for IPv4 and IPv6 sockets. */
    public boolean isInet() {
        return this == IPV4 || this == IPV6;
    }
}
