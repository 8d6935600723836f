package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.event.EventView;
import java.util.HashMap;
import java.util.Map;

/** fd creation, duplication and removal for files, pipes, anonymous fds and new sockets (§4.2). */
final class FileDescriptorUpdater implements StateUpdater {

    private static final int OPEN = 1;
    private static final int CREAT = 2;
    private static final int OPENAT = 3;
    private static final int OPENAT2 = 4;
    private static final int OPEN_BY_HANDLE = 5;
    private static final int CLOSE = 6;
    private static final int DUP = 7;
    private static final int DUP2 = 8;
    private static final int DUP3 = 9;
    private static final int FCNTL = 10;
    private static final int PIPE = 11;
    private static final int SOCKET = 12;
    private static final int STORE_ENTER = 13;
    private static final int MEMFD = 14;
    private static final int PIDFD = 15;
    private static final int SOCKETPAIR = 16;
    private static final int CLOSE_RANGE = 17;
    /** Anonymous creators: code = ANONYMOUS + FdType ordinal. */
    private static final int ANONYMOUS = 100;

    /** {@code PPM_O_DIRECTORY}. */
    static final int O_DIRECTORY = 1 << 10;
    /** Flag bits the kernel adds on the exit side (created, overlay layers): kept over the enter's flags. */
    private static final int EXIT_ONLY_FLAGS = ~((1 << 14) - 1);
    private static final int F_DUPFD = 1;
    private static final int F_SETFD = 3;
    private static final int F_DUPFD_CLOEXEC = 26;
    private static final long AT_FDCWD = -100;

    @Override
    public Map<String, Integer> handledEvents() {
        Map<String, Integer> events = new HashMap<>();
        events.put("PPME_SYSCALL_OPEN_X", OPEN);
        events.put("PPME_SYSCALL_CREAT_X", CREAT);
        events.put("PPME_SYSCALL_OPENAT_2_X", OPENAT);
        events.put("PPME_SYSCALL_OPENAT2_X", OPENAT2);
        events.put("PPME_SYSCALL_OPEN_BY_HANDLE_AT_X", OPEN_BY_HANDLE);
        events.put("PPME_SYSCALL_OPEN_E", STORE_ENTER);
        events.put("PPME_SYSCALL_CREAT_E", STORE_ENTER);
        events.put("PPME_SYSCALL_OPENAT_2_E", STORE_ENTER);
        events.put("PPME_SYSCALL_OPENAT2_E", STORE_ENTER);
        events.put("PPME_SYSCALL_CLOSE_X", CLOSE);
        events.put("PPME_SYSCALL_CLOSE_RANGE_X", CLOSE_RANGE);
        events.put("PPME_SYSCALL_DUP_1_X", DUP);
        events.put("PPME_SYSCALL_DUP2_X", DUP2);
        events.put("PPME_SYSCALL_DUP3_X", DUP3);
        events.put("PPME_SYSCALL_FCNTL_X", FCNTL);
        events.put("PPME_SYSCALL_PIPE_X", PIPE);
        events.put("PPME_SYSCALL_PIPE2_X", PIPE);
        events.put("PPME_SOCKET_SOCKET_X", SOCKET);
        events.put("PPME_SOCKET_SOCKETPAIR_X", SOCKETPAIR);
        events.put("PPME_SYSCALL_MEMFD_CREATE_X", MEMFD);
        events.put("PPME_SYSCALL_PIDFD_OPEN_X", PIDFD);
        events.put("PPME_SYSCALL_EVENTFD_X", ANONYMOUS + FdType.EVENT.ordinal());
        events.put("PPME_SYSCALL_EVENTFD2_X", ANONYMOUS + FdType.EVENT.ordinal());
        events.put("PPME_SYSCALL_SIGNALFD_X", ANONYMOUS + FdType.SIGNALFD.ordinal());
        events.put("PPME_SYSCALL_SIGNALFD4_X", ANONYMOUS + FdType.SIGNALFD.ordinal());
        events.put("PPME_SYSCALL_TIMERFD_CREATE_X", ANONYMOUS + FdType.TIMERFD.ordinal());
        events.put("PPME_SYSCALL_INOTIFY_INIT_X", ANONYMOUS + FdType.INOTIFY.ordinal());
        events.put("PPME_SYSCALL_INOTIFY_INIT1_X", ANONYMOUS + FdType.INOTIFY.ordinal());
        events.put("PPME_SYSCALL_EPOLL_CREATE_X", ANONYMOUS + FdType.EVENTPOLL.ordinal());
        events.put("PPME_SYSCALL_EPOLL_CREATE1_X", ANONYMOUS + FdType.EVENTPOLL.ordinal());
        events.put("PPME_SYSCALL_BPF_2_X", ANONYMOUS + FdType.BPF.ordinal());
        events.put("PPME_SYSCALL_USERFAULTFD_X", ANONYMOUS + FdType.USERFAULTFD.ordinal());
        events.put("PPME_SYSCALL_IO_URING_SETUP_X", ANONYMOUS + FdType.IOURING.ordinal());
        return events;
    }

    @Override
    public void apply(SyscallState state, EventView e, int kind) {
        ThreadInfo thread = state.thread();
        if (thread == null) {
            return;
        }
        FdTable fds = state.threads().fds(thread);
        switch (kind) {
            case STORE_ENTER -> {
                if (SyscallState.present(e, 0)) {
                    state.storeEnter(e);
                }
            }
            case OPEN, CREAT, OPENAT, OPENAT2, OPEN_BY_HANDLE -> open(state, e, kind, thread, fds);
            case CLOSE -> {
                long res = SyscallState.signed(e, 0, -1);
                if (res >= 0 && state.fd() != null) {
                    state.closeLater(fds, state.fdNumber());
                }
            }
            case CLOSE_RANGE -> closeRange(e, fds);
            case DUP -> dup(state, e, fds, SyscallState.signed(e, 0, -1), false);
            case DUP2 -> dup(state, e, fds, SyscallState.signed(e, 0, -1), false);
            case DUP3 -> dup(state, e, fds, SyscallState.signed(e, 0, -1),
                    (SyscallState.unsigned(e, 3, 0) & FdInfo.O_CLOEXEC) != 0);
            case FCNTL -> fcntl(state, e, fds);
            case PIPE -> pipe(e, fds);
            case SOCKET -> socket(state, e, fds);
            case SOCKETPAIR -> socketPair(e, fds);
            case MEMFD -> {
                long fd = SyscallState.signed(e, 0, -1);
                if (fd >= 0) {
                    String name = SyscallState.text(e, 1);
                    FdInfo info = new FdInfo(FdType.MEMFD, name == null ? "" : name);
                    info.openFlags = (int) SyscallState.unsigned(e, 2, 0);
                    create(state, fds, fd, info);
                }
            }
            case PIDFD -> {
                long fd = SyscallState.signed(e, 0, -1);
                if (fd >= 0) {
                    create(state, fds, fd, new FdInfo(FdType.PIDFD, "/proc/" + SyscallState.signed(e, 1, -1)));
                }
            }
            default -> {
                long fd = SyscallState.signed(e, 0, -1);
                if (fd >= 0) {
                    create(state, fds, fd, new FdInfo(FdType.values()[kind - ANONYMOUS], ""));
                }
            }
        }
    }

    private static void create(SyscallState state, FdTable fds, long fd, FdInfo info) {
        fds.put(fd, info);
        state.setCurrentFd(fd, info);
    }

    // open X: 0 fd, 1 name, 2 flags, 3 mode, 4 dev, 5 ino; creat X: 0 fd, 1 name, 2 mode, 3 dev, 4 ino,
    // 5 creat_flags; openat X: 0 fd, 1 dirfd, 2 name, 3 flags, 4 mode, 5 dev, 6 ino; openat2 X: ...
    // 5 resolve, 6 dev, 7 ino; open_by_handle_at X: 0 fd, 1 mountfd, 2 flags, 3 path, 4 dev, 5 ino
    private static void open(SyscallState state, EventView e, int kind, ThreadInfo thread, FdTable fds) {
        long fd = SyscallState.signed(e, 0, -1);
        if (fd < 0) {
            return;
        }
        int nameParam = switch (kind) {
            case OPEN, CREAT -> 1;
            case OPEN_BY_HANDLE -> 3;
            default -> 2;
        };
        int flagsParam = switch (kind) {
            case OPEN -> 2;
            case CREAT -> 5;
            case OPEN_BY_HANDLE -> 2;
            default -> 3;
        };
        int devParam = switch (kind) {
            case OPEN, OPEN_BY_HANDLE -> 4;
            case CREAT -> 3;
            case OPENAT -> 5;
            default -> 6;
        };
        String path = SyscallState.text(e, nameParam);
        long flags = SyscallState.unsigned(e, flagsParam, 0);
        if (kind == CREAT) {
            flags &= EXIT_ONLY_FLAGS;
        }
        long dirfd = kind == OPENAT || kind == OPENAT2 ? SyscallState.signed(e, 1, AT_FDCWD) : AT_FDCWD;
        EventView enter = kind == OPEN_BY_HANDLE ? null : state.pairedEnter();
        if (enter != null) {
            int enterName = kind == OPEN || kind == CREAT ? 0 : 1;
            String enterPath = SyscallState.text(enter, enterName);
            if (enterPath != null && !enterPath.equals(ThreadInfo.NA)) {
                path = enterPath;
                if (kind != CREAT) {
                    flags = SyscallState.unsigned(enter, enterName + 1, 0) | (flags & EXIT_ONLY_FLAGS);
                }
                if (kind == OPENAT || kind == OPENAT2) {
                    dirfd = SyscallState.signed(enter, 0, dirfd);
                }
            }
        }
        if (path == null) {
            path = "";
        }
        String name = kind == OPEN_BY_HANDLE ? path
                : PathResolver.normalize(directoryOf(state, thread, dirfd, path), path);
        FdInfo info = new FdInfo((flags & O_DIRECTORY) != 0 ? FdType.DIRECTORY : FdType.FILE, name);
        info.nameRaw = path;
        info.openFlags = (int) flags;
        info.device = SyscallState.unsigned(e, devParam, 0);
        info.inode = SyscallState.unsigned(e, devParam + 1, 0);
        create(state, fds, fd, info);
    }

    /**
     * The directory a relative {@code path} of an {@code *at} call is relative to: the thread cwd for
     * {@code AT_FDCWD}, the dirfd's name otherwise ({@code <UNKNOWN>} when the fd is not known).
     */
    static String directoryOf(SyscallState state, ThreadInfo thread, long dirfd, String path) {
        if (path.startsWith("/") || dirfd == AT_FDCWD) {
            return state.threads().cwd(thread);
        }
        FdInfo dir = state.threads().fds(thread).get(dirfd);
        return dir == null ? "<UNKNOWN>" : PathResolver.asDirectory(dir.name);
    }

    private static void dup(SyscallState state, EventView e, FdTable fds, long newFd, boolean cloexec) {
        long oldFd = SyscallState.signed(e, 1, state.fdNumber());
        if (newFd < 0 || oldFd < 0) {
            return;
        }
        FdInfo source = fds.get(oldFd);
        if (source == null) {
            return;
        }
        FdInfo copy = source.copy();
        copy.openFlags = cloexec ? copy.openFlags | FdInfo.O_CLOEXEC : copy.openFlags & ~FdInfo.O_CLOEXEC;
        fds.put(newFd, copy);
    }

    // fcntl X: 0 res, 1 fd, 2 cmd, 3 arg
    private static void fcntl(SyscallState state, EventView e, FdTable fds) {
        long res = SyscallState.signed(e, 0, -1);
        long cmd = SyscallState.unsigned(e, 2, 0);
        FdInfo source = state.fd();
        if (res < 0 || source == null) {
            return;
        }
        if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
            FdInfo copy = source.copy();
            copy.openFlags = cmd == F_DUPFD_CLOEXEC ? copy.openFlags | FdInfo.O_CLOEXEC
                    : copy.openFlags & ~FdInfo.O_CLOEXEC;
            fds.put(res, copy);
        } else if (cmd == F_SETFD) {
            boolean cloexec = (SyscallState.unsigned(e, 3, 0) & 1) != 0;
            source.openFlags = cloexec ? source.openFlags | FdInfo.O_CLOEXEC : source.openFlags & ~FdInfo.O_CLOEXEC;
        }
    }

    // pipe X: 0 res, 1 fd1, 2 fd2, 3 ino, (pipe2) 4 flags
    private static void pipe(EventView e, FdTable fds) {
        if (SyscallState.signed(e, 0, -1) < 0) {
            return;
        }
        long inode = SyscallState.unsigned(e, 3, 0);
        int flags = (int) SyscallState.unsigned(e, 4, 0);
        for (int p = 1; p <= 2; p++) {
            long fd = SyscallState.signed(e, p, -1);
            if (fd >= 0) {
                FdInfo info = new FdInfo(FdType.PIPE, "");
                info.inode = inode;
                info.openFlags = flags;
                fds.put(fd, info);
            }
        }
    }

    // socketpair X: 0 res, 1 fd1, 2 fd2, 3 source, 4 peer
    private static void socketPair(EventView e, FdTable fds) {
        if (SyscallState.signed(e, 0, -1) < 0) {
            return;
        }
        long source = SyscallState.unsigned(e, 3, 0);
        long peer = SyscallState.unsigned(e, 4, 0);
        for (int p = 1; p <= 2; p++) {
            long fd = SyscallState.signed(e, p, -1);
            if (fd >= 0) {
                FdInfo info = new FdInfo(FdType.UNIX, "");
                info.unixSource = source;
                info.unixDestination = peer;
                fds.put(fd, info);
            }
        }
    }

    // close_range X: 0 res, 1 first, 2 last, 3 flags
    private static void closeRange(EventView e, FdTable fds) {
        if (SyscallState.signed(e, 0, -1) < 0) {
            return;
        }
        long first = SyscallState.unsigned(e, 1, 0);
        long last = SyscallState.unsigned(e, 2, 0);
        boolean cloexec = (SyscallState.unsigned(e, 3, 0) & (1 << 2)) != 0;
        for (long fd : fds.numbersBetween(first, last)) {
            if (cloexec) {
                fds.get(fd).openFlags |= FdInfo.O_CLOEXEC;
            } else {
                fds.remove(fd);
            }
        }
    }

    // socket X: 0 fd, 1 domain, 2 type, 3 proto, 4 flags
    private static void socket(SyscallState state, EventView e, FdTable fds) {
        long fd = SyscallState.signed(e, 0, -1);
        if (fd < 0) {
            return;
        }
        long domain = SyscallState.unsigned(e, 1, 0);
        long type = SyscallState.unsigned(e, 2, 0) & 0xF;
        long proto = SyscallState.unsigned(e, 3, 0);
        FdInfo info;
        if (domain == NetworkUpdater.AF_UNIX) {
            info = new FdInfo(FdType.UNIX, "");
        } else if (domain == NetworkUpdater.AF_INET || domain == NetworkUpdater.AF_INET6) {
            info = new FdInfo(domain == NetworkUpdater.AF_INET ? FdType.IPV4 : FdType.IPV6, "");
            boolean raw = type == 3;
            if (proto == 6) {
                info.l4Protocol = raw ? FdInfo.L4_RAW : FdInfo.L4_TCP;
            } else if (proto == 17) {
                info.l4Protocol = raw ? FdInfo.L4_RAW : FdInfo.L4_UDP;
            } else if (proto == 0) {
                info.l4Protocol = type == 1 ? FdInfo.L4_TCP : type == 2 ? FdInfo.L4_UDP : raw ? FdInfo.L4_RAW
                        : FdInfo.L4_UNKNOWN;
            } else if (proto == 1) {
                info.l4Protocol = raw ? FdInfo.L4_RAW : FdInfo.L4_ICMP;
            } else if (proto == 255) {
                info.l4Protocol = FdInfo.L4_RAW;
            }
        } else if (domain == NetworkUpdater.AF_NETLINK) {
            info = new FdInfo(FdType.NETLINK, "");
        } else {
            info = new FdInfo(FdType.UNKNOWN, "");
        }
        info.openFlags = (int) SyscallState.unsigned(e, 4, 0);
        create(state, fds, fd, info);
    }
}
