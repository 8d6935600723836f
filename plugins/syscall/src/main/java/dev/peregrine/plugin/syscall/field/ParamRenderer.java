package dev.peregrine.plugin.syscall.field;

import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.FlagTables;
import dev.peregrine.plugin.syscall.event.ParamInfo;
import dev.peregrine.plugin.syscall.state.FdInfo;
import dev.peregrine.plugin.syscall.state.PathResolver;
import dev.peregrine.plugin.syscall.state.SocketText;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.state.ThreadInfo;
import dev.peregrine.plugin.syscall.state.ThreadTable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Renders event parameters as libsinsp prints them ({@code syscall-events.md} §1.4): a primary text and,
 * for some types, a resolved text (fd names, errno and flag names, absolute paths, user and thread names).
 * Used by {@code evt.args} ({@code name=primary(resolved)}) and {@code evt.arg} (resolved when there is
 * one). Builds into a reused buffer; callers turn the result into a string once per event.
 */
final class ParamRenderer {

    private static final long AT_FDCWD = -100;
    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
        "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private final FlagTables flags;
    private final StringBuilder primary = new StringBuilder(256);
    private final StringBuilder resolved = new StringBuilder(256);

    ParamRenderer(FlagTables flags) {
        this.flags = flags;
    }

    /**
     * Appends {@code evt.args}: every present parameter as {@code name=primary} or {@code name=primary(resolved)},
     * separated by single spaces (current libsinsp drops the space sysdig 0.29 left after the last one).
     */
    void appendArgs(SyscallState state, EventView e, StringBuilder out) {
        List<ParamInfo> params = e.info().params();
        int count = Math.min(e.paramCount(), params.size());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            render(state, e, i);
            out.append(params.get(i).name()).append('=').append(primary);
            if (resolved.length() > 0) {
                out.append('(').append(resolved).append(')');
            }
        }
    }

    /** Parameter {@code i} as {@code evt.arg} gives it: the resolved text when there is one, else the primary. */
    String argText(SyscallState state, EventView e, int i) {
        render(state, e, i);
        return resolved.length() > 0 ? resolved.toString() : primary.toString();
    }

    /** Fills {@link #primary} and {@link #resolved} for parameter {@code i}. */
    private void render(SyscallState state, EventView e, int i) {
        primary.setLength(0);
        resolved.setLength(0);
        ParamInfo param = e.info().params().get(i);
        String type = param.type();
        if (e.isParamEmpty(i)) {
            switch (type) {
                // a zero-length buffer (e.g. the data of a read returning 0) prints as nothing, as sysdig shows it
                case "PT_BYTEBUF" -> { }
                case "PT_SOCKTUPLE", "PT_FDLIST", "PT_CHARBUFARRAY", "PT_DYN" -> primary.append("NULL");
                default -> primary.append(ThreadInfo.NA);
            }
            return;
        }
        ByteBuffer b = e.buffer();
        int at = e.paramOffset(i);
        int length = e.paramLength(i);
        switch (type) {
            case "PT_INT8", "PT_INT16", "PT_INT32", "PT_INT64" -> number(e.paramSigned(i), param.format(), true);
            case "PT_UINT8", "PT_UINT16", "PT_UINT32", "PT_UINT64", "PT_PORT", "PT_RELTIME", "PT_ABSTIME",
                 "PT_SIGSET", "PT_L4PROTO", "PT_SOCKFAMILY", "PT_BOOL" -> number(e.paramUnsigned(i), param.format(), false);
            case "PT_FD", "PT_FD32" -> fd(state, e.paramSigned(i));
            case "PT_PID", "PT_PID32" -> {
                long pid = e.paramSigned(i);
                primary.append(pid);
                ThreadInfo t = state.threads().get(pid);
                if (t != null) {
                    resolved.append(t.comm());
                }
            }
            case "PT_ERRNO" -> {
                long value = e.paramSigned(i);
                if (value >= 0) {
                    number(value, param.format(), true);
                } else {
                    primary.append(value);
                }
                if (value < 0) {
                    String name = ErrnoNames.of(value);
                    if (name != null) {
                        resolved.append(name);
                    }
                }
            }
            case "PT_FLAGS8", "PT_FLAGS16", "PT_FLAGS32", "PT_MODE" -> {
                long value = e.paramUnsigned(i);
                if (type.equals("PT_MODE")) {
                    number(value, param.format(), false);
                } else {
                    primary.append(value);
                }
                flagNames(flags.paramTable(e.type(), i), value);
            }
            case "PT_ENUMFLAGS8", "PT_ENUMFLAGS16", "PT_ENUMFLAGS32" -> {
                long value = e.paramUnsigned(i);
                primary.append(value);
                List<FlagTables.Flag> table = flags.paramTable(e.type(), i);
                if (table != null) {
                    for (FlagTables.Flag flag : table) {
                        if (flag.value() == value) {
                            resolved.append(flag.name());
                            break;
                        }
                    }
                }
            }
            case "PT_UID", "PT_GID" -> {
                long id = e.paramUnsigned(i);
                if (id == ThreadInfo.NO_ID) {
                    primary.append(-1);
                    resolved.append("<NONE>");
                } else {
                    primary.append(id);
                    resolved.append(type.equals("PT_UID") ? state.users().userName(id)
                            : state.users().groupNameOrDefault(id));
                }
            }
            case "PT_CHARBUF" -> text(b, at, length, primary);
            case "PT_FSPATH", "PT_FSRELPATH" -> path(state, e, i, b, at, length, type.equals("PT_FSRELPATH"));
            case "PT_BYTEBUF", "PT_CHARBUFARRAY" -> printable(b, at, length);
            case "PT_SOCKADDR" -> sockaddr(b, at, length);
            case "PT_SOCKTUPLE" -> socktuple(b, at, length);
            case "PT_SYSCALLID" -> {
                int id = e.paramU16(i);
                primary.append(id);
                if (id < state.table().syscallCodeCount()) {
                    resolved.append(state.table().syscallName(id));
                }
            }
            case "PT_SIGTYPE" -> {
                int sig = e.paramU8(i);
                primary.append(sig);
                if (sig > 0 && sig < SIGNALS.length) {
                    resolved.append(SIGNALS[sig]);
                }
            }
            case "PT_IPV4ADDR" -> {
                byte[] ip = new byte[4];
                b.get(at, ip);
                primary.append(SocketText.ip(ip));
            }
            case "PT_IPV6ADDR" -> {
                byte[] ip = new byte[16];
                b.get(at, ip);
                primary.append(SocketText.ip(ip));
            }
            case "PT_DOUBLE" -> primary.append(Double.longBitsToDouble(e.paramLong(i)));
            default -> printable(b, at, length);
        }
    }

    private void number(long value, String format, boolean signed) {
        switch (format) {
            case "PF_HEX" -> primary.append(Long.toHexString(value).toUpperCase(java.util.Locale.ROOT));
            case "PF_OCT" -> {
                if (value != 0) {
                    primary.append('0');
                }
                primary.append(Long.toOctalString(value));
            }
            default -> {
                if (signed) {
                    primary.append(value);
                } else {
                    primary.append(Long.toUnsignedString(value));
                }
            }
        }
    }

    private void fd(SyscallState state, long fd) {
        primary.append(fd);
        if (fd == AT_FDCWD) {
            resolved.append("AT_FDCWD");
            return;
        }
        if (fd < 0) {
            String name = ErrnoNames.of(fd);
            if (name != null) {
                resolved.append(name);
            }
            return;
        }
        ThreadInfo thread = state.thread();
        FdInfo info = thread == null ? null : state.threads().fds(thread).get(fd);
        if (info != null) {
            appendTypeChar(info, resolved);
            resolved.append(info.name());
        }
    }

    /** {@code <c>} or, for IP sockets, {@code <ct>} with the layer-4 letter. */
    static void appendTypeChar(FdInfo info, StringBuilder out) {
        out.append('<').append(info.type().typeChar());
        if (info.type().isInet()) {
            switch (info.l4Protocol()) {
                case FdInfo.L4_TCP -> out.append('t');
                case FdInfo.L4_UDP -> out.append('u');
                case FdInfo.L4_ICMP -> out.append('i');
                case FdInfo.L4_RAW -> out.append('r');
                default -> { }
            }
        }
        out.append('>');
    }

    private void flagNames(List<FlagTables.Flag> table, long value) {
        if (table == null) {
            return;
        }
        long remaining = value;
        for (FlagTables.Flag flag : table) {
            long bits = flag.value();
            boolean match = bits == 0 ? value == 0 : (remaining & bits) == bits;
            if (match) {
                if (resolved.length() > 0) {
                    resolved.append('|');
                }
                resolved.append(flag.name());
                remaining &= ~bits;
            }
        }
    }

    private void path(SyscallState state, EventView e, int i, ByteBuffer b, int at, int length, boolean relative) {
        text(b, at, length, primary);
        if (primary.length() == 0 || primary.charAt(0) == '/' || "(NULL)".contentEquals(primary)
                || ThreadInfo.NA.contentEquals(primary)) {
            return;
        }
        ThreadInfo thread = state.thread();
        if (thread == null) {
            return;
        }
        ThreadTable threads = state.threads();
        String base = threads.cwd(thread);
        if (relative) {
            int dirfdParam = flags.dirfdParam(e.type(), i);
            long dirfd = dirfdParam >= 0 && dirfdParam < e.paramCount() && !e.isParamEmpty(dirfdParam)
                    ? e.paramSigned(dirfdParam) : AT_FDCWD;
            if (dirfd != AT_FDCWD) {
                FdInfo dir = threads.fds(thread).get(dirfd);
                base = dir == null ? "<UNKNOWN>" : PathResolver.asDirectory(dir.name());
            }
        }
        resolved.append(PathResolver.normalize(base, primary.toString()));
    }

    private static void text(ByteBuffer b, int at, int length, StringBuilder out) {
        int end = at;
        while (end < at + length && b.get(end) != 0) {
            end++;
        }
        if (b.hasArray()) {
            out.append(new String(b.array(), b.arrayOffset() + at, end - at, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            byte[] bytes = new byte[end - at];
            b.get(at, bytes);
            out.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void printable(ByteBuffer b, int at, int length) {
        for (int k = 0; k < length; k++) {
            int c = b.get(at + k) & 0xFF;
            primary.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
    }

    private void sockaddr(ByteBuffer b, int at, int length) {
        int family = b.get(at);
        if (family == 2 && length >= 7) {
            byte[] ip = new byte[4];
            b.get(at + 1, ip);
            primary.append(SocketText.endpoint(ip, b.getShort(at + 5) & 0xFFFF));
        } else if (family == 10 && length >= 19) {
            byte[] ip = new byte[16];
            b.get(at + 1, ip);
            primary.append(SocketText.endpoint(ip, b.getShort(at + 17) & 0xFFFF));
        } else if (family == 1) {
            text(b, at + 1, length - 1, primary);
        }
    }

    private void socktuple(ByteBuffer b, int at, int length) {
        int family = b.get(at);
        if (family == 2 && length >= 13) {
            byte[] sip = new byte[4];
            byte[] dip = new byte[4];
            b.get(at + 1, sip);
            b.get(at + 7, dip);
            primary.append(SocketText.tuple(sip, b.getShort(at + 5) & 0xFFFF, dip, b.getShort(at + 11) & 0xFFFF));
        } else if (family == 10 && length >= 37) {
            byte[] sip = new byte[16];
            byte[] dip = new byte[16];
            b.get(at + 1, sip);
            b.get(at + 19, dip);
            primary.append(SocketText.tuple(sip, b.getShort(at + 17) & 0xFFFF, dip, b.getShort(at + 35) & 0xFFFF));
        } else if (family == 1 && length >= 17) {
            primary.append(Long.toHexString(b.getLong(at + 1))).append("->").append(Long.toHexString(b.getLong(at + 9)))
                    .append(' ');
            text(b, at + 17, length - 17, primary);
        }
    }
}
