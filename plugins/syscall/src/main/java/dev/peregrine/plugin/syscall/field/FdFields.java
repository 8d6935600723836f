package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.capture.NetworkInterface;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.FlagTables;
import dev.peregrine.plugin.syscall.state.ContainerIds;
import dev.peregrine.plugin.syscall.state.FdInfo;
import dev.peregrine.plugin.syscall.state.FdType;
import dev.peregrine.plugin.syscall.state.PathResolver;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.util.Arrays;

/** The {@code fd.*} fields ({@code syscall-state.md} §5). */
final class FdFields {

    private static final int EF_FD_MASK = 1 | 2 | 4;
    private static final int FD_UPPER_LAYER = 1 << 15;
    private static final int FD_LOWER_LAYER = 1 << 16;

    private final FlagTables flags;
    private final ParamRenderer creatorRenderer;
    private final PerEventText creatorNames = new PerEventText();

    FdFields(FlagTables flags) {
        this.flags = flags;
        this.creatorRenderer = new ParamRenderer(flags);
    }

    /** The extractor of {@code name}, or null when it is not implemented. */
    StateExtractor bind(String name, dev.peregrine.api.FieldArgument argument) {
        return switch (name) {
            case "fd.num" -> (s, out) -> {
                if (s.fdNumber() == SyscallState.NO_FD) {
                    return false;
                }
                out.addLong(s.fdNumber());
                return true;
            };
            case "fd.type" -> entry((s, fd, out) -> out.addString(fd.type().text()));
            case "fd.typechar" -> (s, out) -> {
                if (!appliesToFds(s)) {
                    return false;
                }
                FdInfo fd = s.fd();
                out.addString(fd != null ? fd.type().typeCharText() : eventTypeChar(s.event()));
                return true;
            };
            case "fd.name" -> name();
            case "fd.nameraw" -> entry((s, fd, out) -> out.addString(fd.nameRaw()));
            case "fd.directory" -> directory(false);
            case "fd.containerdirectory" -> directory(true);
            case "fd.filename" -> (s, out) -> {
                FdInfo fd = entryOf(s);
                if (fd == null || fd.type() != FdType.FILE) {
                    return false;
                }
                out.addString(filename(fd.name()));
                return true;
            };
            case "fd.containername" -> (s, out) -> {
                if (!appliesToFds(s) || s.thread() == null) {
                    return false;
                }
                FdInfo fd = s.fd();
                String fdName = fd != null ? fd.name() : creatorName(s);
                out.addString(containerPrefix(s) + fdName);
                return true;
            };
            // libsinsp chains the thread id and the fd number as decimal text, without separator
            case "fd.uid" -> (s, out) -> {
                if (!appliesToFds(s) || s.thread() == null) {
                    return false;
                }
                out.addString(Long.toString(s.thread().tid()) + s.fdNumber());
                return true;
            };
            case "fd.cproto" -> proto(Side.CLIENT);
            case "fd.sproto" -> proto(Side.SERVER);
            case "fd.lproto" -> proto(Side.LOCAL);
            case "fd.rproto" -> proto(Side.REMOTE);
            case "fd.proto" -> both((fd, out) -> {
                if (!fd.serverSocket()) {
                    out.addLong(fd.sourcePort());
                }
                out.addLong(fd.serverSocket() ? fd.sourcePort() : fd.destinationPort());
            });
            case "fd.cip" -> ip(Side.CLIENT);
            case "fd.sip" -> ip(Side.SERVER);
            case "fd.lip" -> ip(Side.LOCAL);
            case "fd.rip" -> ip(Side.REMOTE);
            case "fd.ip" -> both((fd, out) -> {
                out.addAddress(fd.sourceIp());
                if (fd.destinationIp() != null) {
                    out.addAddress(fd.destinationIp());
                }
            });
            case "fd.cnet" -> ip(Side.CLIENT);
            case "fd.snet" -> ip(Side.SERVER);
            case "fd.lnet" -> ip(Side.LOCAL);
            case "fd.rnet" -> ip(Side.REMOTE);
            case "fd.net" -> both((fd, out) -> {
                out.addAddress(fd.sourceIp());
                if (fd.destinationIp() != null) {
                    out.addAddress(fd.destinationIp());
                }
            });
            case "fd.cport" -> port(Side.CLIENT);
            case "fd.sport" -> port(Side.SERVER);
            case "fd.lport" -> port(Side.LOCAL);
            case "fd.rport" -> port(Side.REMOTE);
            case "fd.port" -> both((fd, out) -> {
                if (!fd.serverSocket()) {
                    out.addLong(fd.sourcePort());
                }
                out.addLong(fd.serverSocket() ? fd.sourcePort() : fd.destinationPort());
            });
            case "fd.l4proto" -> entry((s, fd, out) -> out.addString(l4(fd)));
            case "fd.sockfamily" -> (s, out) -> {
                FdInfo fd = entryOf(s);
                if (fd == null) {
                    return false;
                }
                if (fd.type().isInet()) {
                    out.addString("ip");
                } else if (fd.type() == FdType.UNIX) {
                    out.addString("unix");
                } else {
                    return false;
                }
                return true;
            };
            case "fd.is_server" -> entry((s, fd, out) -> out.addBoolean(fd.role() == FdInfo.Role.SERVER
                    || fd.serverSocket()));
            case "fd.name_changed" -> (s, out) -> {
                if (!appliesToFds(s)) {
                    return false;
                }
                out.addBoolean(s.fdNameChanged());
                return true;
            };
            // names of IPs come from DNS lookups, which Falco leaves disabled: never a value
            case "fd.cip.name", "fd.sip.name", "fd.lip.name", "fd.rip.name" -> (s, out) -> false;
            case "fd.types" -> argument.isIndex() ? (s, out) -> {
                FdInfo fd = s.thread() == null ? null : s.threads().fds(s.thread()).get(argument.index());
                if (fd == null) {
                    return false;
                }
                out.addString(fd.type().text());
                return true;
            } : (s, out) -> {
                if (s.thread() == null) {
                    return false;
                }
                java.util.Set<String> types = new java.util.TreeSet<>();
                s.threads().fds(s.thread()).forEachEntry(fd -> types.add(fd.type().text()));
                types.forEach(out::addString);
                return !types.isEmpty();
            };
            case "fd.connected" -> entry((s, fd, out) -> out.addBoolean(fd.connected()));
            case "fd.dev" -> entry((s, fd, out) -> out.addLong(fd.device()));
            case "fd.dev.major" -> entry((s, fd, out) -> out.addLong(fd.device() >> 20));
            case "fd.dev.minor" -> entry((s, fd, out) -> out.addLong(fd.device() & 0xFFFFF));
            case "fd.ino" -> entry((s, fd, out) -> out.addLong(fd.inode()));
            case "fd.is_upper_layer" -> entry((s, fd, out) -> out.addBoolean((fd.openFlags() & FD_UPPER_LAYER) != 0));
            case "fd.is_lower_layer" -> entry((s, fd, out) -> out.addBoolean((fd.openFlags() & FD_LOWER_LAYER) != 0));
            default -> null;
        };
    }

    private enum Side { CLIENT, SERVER, LOCAL, REMOTE }

    @FunctionalInterface
    private interface EntryValue {
        void write(SyscallState s, FdInfo fd, ValueSink out);
    }

    private static boolean appliesToFds(SyscallState s) {
        return (s.event().info().flags() & EF_FD_MASK) != 0 && s.fdNumber() != SyscallState.NO_FD;
    }

    private static FdInfo entryOf(SyscallState s) {
        return appliesToFds(s) ? s.fd() : null;
    }

    private static StateExtractor entry(EntryValue value) {
        return (s, out) -> {
            FdInfo fd = entryOf(s);
            if (fd == null) {
                return false;
            }
            value.write(s, fd, out);
            return true;
        };
    }

    private static FdInfo fileEntry(SyscallState s) {
        FdInfo fd = entryOf(s);
        return fd != null && (fd.type() == FdType.FILE || fd.type() == FdType.DIRECTORY) ? fd : null;
    }

    /**
     * The directory part of a path as libsinsp cuts it: up to the last slash; {@code /} when there is no
     * slash or only a leading one; a name ending in a slash is kept whole.
     */
    static String directory(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return "/";
        }
        return slash < path.length() - 1 ? path.substring(0, slash) : path;
    }

    /** The file part of a path as libsinsp cuts it: after the last slash; {@code /} without a slash. */
    static String filename(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "/";
        }
        return slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }

    private static String l4(FdInfo fd) {
        if (!fd.type().isInet()) {
            return "<NA>";
        }
        return switch (fd.l4Protocol()) {
            case FdInfo.L4_TCP -> "tcp";
            case FdInfo.L4_UDP -> "udp";
            case FdInfo.L4_ICMP -> "icmp";
            case FdInfo.L4_RAW -> "raw";
            default -> "<NA>";
        };
    }

    /** fd.name, falling back to the event's own name or tuple when the fd is unknown. */
    private StateExtractor name() {
        return (s, out) -> {
            if (!appliesToFds(s)) {
                return false;
            }
            FdInfo fd = s.fd();
            out.addString(fd != null ? fd.name() : creatorName(s));
            return true;
        };
    }

    /**
     * The name an fd-less event implies (libsinsp {@code extract_fdname_from_creator}): the path or tuple
     * parameter of open/creat/accept/connect exits, the resolved path of openat exits, else empty.
     */
    private String creatorName(SyscallState s) {
        EventView e = s.event();
        String value = creatorNames.get(e);
        if (value == null) {
            int p = fallbackParam(e.info());
            value = p >= 0 && p < e.paramCount() && !e.isParamEmpty(p) ? creatorRenderer.argText(s, e, p) : "";
            if (value.startsWith("/")) {
                value = PathResolver.normalize("/", value); // absolute paths are cleaned up too
            }
            creatorNames.put(e, value);
        }
        return value;
    }

    /**
     * fd.directory (or fd.containerdirectory): for a file the name cut at its last slash, for a directory
     * the name itself; an fd-less event cuts its creator name the same way, so that events on unknown fds
     * give {@code /} (libsinsp {@code sinsp_filter_check_fd::extract_from_null_fd}).
     */
    private StateExtractor directory(boolean withContainer) {
        return (s, out) -> {
            if (!appliesToFds(s)) {
                return false;
            }
            FdInfo fd = s.fd();
            String dir;
            if (fd == null) {
                dir = directory(creatorName(s));
            } else if (fd.type() == FdType.DIRECTORY) {
                dir = fd.name();
            } else if (fd.type() == FdType.FILE) {
                dir = directory(fd.name());
            } else {
                return false;
            }
            if (withContainer) {
                if (s.thread() == null) {
                    return false;
                }
                dir = containerPrefix(s) + dir;
            }
            out.addString(dir);
            return true;
        };
    }

    /**
     * {@code <container id>:}; host processes have an empty id in libsinsp's thread table (only
     * container.id renders it as {@code host}).
     */
    private static String containerPrefix(SyscallState s) {
        ContainerIds ids = s.thread().container();
        return ids == ContainerIds.HOST ? ":" : ids.id() + ":";
    }

    /**
     * fd.cproto/sproto/lproto/rproto: the port of that side as text (Falco leaves port-to-service
     * resolution off). cproto of a connection without a client side (server sockets) is empty text.
     */
    private StateExtractor proto(Side side) {
        return (s, out) -> {
            FdInfo fd = entryOf(s);
            if (fd == null || !fd.type().isInet()) {
                return false;
            }
            if (fd.serverSocket()) {
                if (side == Side.CLIENT) {
                    out.addString("");
                    return true;
                }
                if (side != Side.SERVER) {
                    return false;
                }
                out.addString(Integer.toString(fd.sourcePort()));
                return true;
            }
            if (fd.role() == FdInfo.Role.NONE || fd.sourceIp() == null) {
                return false;
            }
            boolean client = clientSide(s, fd, side);
            out.addString(Integer.toString(client ? fd.sourcePort() : fd.destinationPort()));
            return true;
        };
    }

    private static int fallbackParam(EventInfo info) {
        return switch (info.enumName()) {
            case "PPME_SYSCALL_OPEN_X", "PPME_SYSCALL_CREAT_X", "PPME_SYSCALL_OPENAT_2_X",
                 "PPME_SYSCALL_OPENAT2_X" -> EventFields.paramIndex(info, "name");
            case "PPME_SOCKET_CONNECT_X", "PPME_SOCKET_ACCEPT_5_X", "PPME_SOCKET_ACCEPT4_6_X" ->
                    EventFields.paramIndex(info, "tuple");
            default -> -1;
        };
    }

    /** The type char an fd-less event implies: files for open-like calls, the tuple's family for sockets. */
    private static String eventTypeChar(EventView e) {
        return switch (e.info().name()) {
            case "open", "openat", "openat2", "creat", "open_by_handle_at" -> "f";
            case "connect", "accept", "accept4" -> {
                int p = EventFields.paramIndex(e.info(), "tuple");
                if (p < 0 || p >= e.paramCount() || e.isParamEmpty(p)) {
                    yield "";
                }
                int family = e.buffer().get(e.paramOffset(p));
                yield family == 2 ? "4" : family == 10 ? "6" : family == 1 ? "u" : "";
            }
            default -> "";
        };
    }

    @FunctionalInterface
    private interface InetValue {
        void write(FdInfo fd, ValueSink out);
    }

    private static StateExtractor both(InetValue value) {
        return (s, out) -> {
            FdInfo fd = entryOf(s);
            if (fd == null || !fd.type().isInet() || fd.sourceIp() == null) {
                return false;
            }
            value.write(fd, out);
            return true;
        };
    }

    private StateExtractor ip(Side side) {
        return (s, out) -> {
            FdInfo fd = entryOf(s);
            if (fd == null || !fd.type().isInet() || fd.sourceIp() == null) {
                return false;
            }
            boolean client = clientSide(s, fd, side);
            if (fd.serverSocket()) {
                if (client) {
                    return false;
                }
                out.addAddress(fd.sourceIp());
                return true;
            }
            if (fd.role() == FdInfo.Role.NONE) {
                return false;
            }
            byte[] ip = client ? fd.sourceIp() : fd.destinationIp();
            if (ip == null) {
                return false;
            }
            out.addAddress(ip);
            return true;
        };
    }

    private StateExtractor port(Side side) {
        return (s, out) -> {
            FdInfo fd = entryOf(s);
            if (fd == null || !fd.type().isInet() || fd.sourceIp() == null) {
                return false;
            }
            boolean client = clientSide(s, fd, side);
            if (fd.serverSocket()) {
                if (client) {
                    return false;
                }
                out.addLong(fd.sourcePort());
                return true;
            }
            if (fd.role() == FdInfo.Role.NONE) {
                return false;
            }
            out.addLong(client ? fd.sourcePort() : fd.destinationPort());
            return true;
        };
    }

    /** Whether {@code side} names the client end: local is the client when the client ip is a local address. */
    private static boolean clientSide(SyscallState s, FdInfo fd, Side side) {
        return switch (side) {
            case CLIENT -> true;
            case SERVER -> false;
            case LOCAL -> isLocal(s, fd.sourceIp());
            case REMOTE -> !isLocal(s, fd.sourceIp());
        };
    }

    private static boolean isLocal(SyscallState s, byte[] ip) {
        if (ip == null) {
            return false;
        }
        for (NetworkInterface nic : s.interfaces()) {
            if (Arrays.equals(nic.address(), ip)) {
                return true;
            }
        }
        return false;
    }
}
