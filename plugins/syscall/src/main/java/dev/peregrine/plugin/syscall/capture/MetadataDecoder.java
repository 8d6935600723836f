package dev.peregrine.plugin.syscall.capture;

import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the bodies of the metadata blocks (machine info, process, fd, user and interface lists)
 * into records. Layouts follow {@code syscall-events.md} §4.5–4.10; every read is bounds checked
 * against the entry or block it belongs to.
 */
final class MetadataDecoder {

    private static final int PATH_MAX = 1024;
    private static final int LIST_MAX = 4096;
    private static final int USER_STRING_MAX = 255;
    /** A body shorter than this is padding (writers pad blocks to 4 bytes). */
    private static final int MIN_ENTRY = 4;
    /** v9 entries of libs before 0.10 lack pidns_init_start_ts and tty; they have at most this much left. */
    private static final int PRE_0_10_TAIL = 29;
    private static final long NO_ID = 0xFFFF_FFFFL;

    private MetadataDecoder() {
    }

    static SectionHeader sectionHeader(BodyCursor body) {
        body.skip(4, "byte order magic");
        int major = body.u16("major version");
        int minor = body.u16("minor version");
        long sectionLength = body.i64("section length");
        int options = body.remaining();
        body.skip(options, "options");
        return new SectionHeader(major, minor, sectionLength, options);
    }

    static MachineInfo machineInfo(BodyCursor body) {
        int cpus = (int) body.u32("num_cpus");
        long memory = body.i64("memory_size_bytes");
        long maxPid = body.i64("max_pid");
        String hostname = body.fixedString(128, "hostname");
        long boot = body.remaining() >= 8 ? body.i64("boot_ts_epoch") : 0;
        long flags = body.remaining() >= 8 ? body.i64("flags") : 0;
        return new MachineInfo(cpus, memory, maxPid, hostname, boot, flags);
    }

    static void processList(BodyCursor body, int version, Consumer<ProcessEntry> sink) {
        while (body.remaining() >= MIN_ENTRY) {
            if (version >= 9) {
                int start = body.index();
                long entryLength = body.u32("process entry length");
                if (entryLength < 4) {
                    throw new MalformedBlockException(start, "process entry length " + entryLength
                            + " is smaller than its own length field");
                }
                int previous = body.limitTo(start + (int) Math.min(entryLength, Integer.MAX_VALUE - start),
                        "process entry");
                sink.accept(process(body, version, start));
                body.seek(body.end());
                body.restoreEnd(previous);
            } else {
                sink.accept(process(body, version, body.index()));
            }
        }
    }

    private static ProcessEntry process(BodyCursor body, int version, int entryStart) {
        long tid = body.i64("tid");
        long pid = body.i64("pid");
        long ptid = body.i64("ptid");
        long sid = version >= 6 ? body.i64("sid") : -1;
        long vpgid = version >= 8 ? body.i64("vpgid") : -1;
        String comm = body.str16("comm", PATH_MAX);
        String exe = body.str16("exe", PATH_MAX);
        String exePath = version >= 7 ? body.str16("exepath", PATH_MAX) : "";
        List<String> args = body.list16("args", LIST_MAX);
        String cwd = body.str16("cwd", PATH_MAX);
        long fdLimit = body.i64("fdlimit");
        int flags = body.i32("flags");
        long uid = body.u32("uid");
        long gid = body.u32("gid");
        long vmSize = 0;
        long vmRss = 0;
        long vmSwap = 0;
        long pfMajor = 0;
        long pfMinor = 0;
        if (version >= 2) {
            vmSize = body.u32("vmsize_kb");
            vmRss = body.u32("vmrss_kb");
            vmSwap = body.u32("vmswap_kb");
            pfMajor = body.i64("pfmajor");
            pfMinor = body.i64("pfminor");
        }
        List<String> env = version >= 3 ? body.list16("env", LIST_MAX) : List.of();
        long vtid = -1;
        long vpid = -1;
        List<String> cgroups = List.of();
        if (version >= 4) {
            vtid = body.i64("vtid");
            vpid = body.i64("vpid");
            cgroups = body.list16("cgroups", LIST_MAX);
        }
        String root = version >= 5 ? body.str16("root", PATH_MAX) : "";
        V9 tail = version >= 9 ? v9Tail(body, entryStart) : V9.ABSENT;
        return new ProcessEntry(tid, pid, ptid, sid, vpgid, comm, exe, exePath, args, cwd, fdLimit, flags, uid,
                gid, vmSize, vmRss, vmSwap, pfMajor, pfMinor, env, vtid, vpid, cgroups, root,
                tail.pidnsInitStart, tail.tty, tail.loginUid, tail.exeWritable, tail.capInheritable,
                tail.capPermitted, tail.capEffective, tail.exeUpperLayer, tail.exeInode, tail.exeCtime,
                tail.exeMtime, tail.exeFromMemfd, tail.exeLowerLayer, tail.pgid);
    }

    /** The optional v9 fields, each present only while it still fits in the entry. */
    private record V9(long pidnsInitStart, long tty, long loginUid, boolean exeWritable, long capInheritable,
                      long capPermitted, long capEffective, boolean exeUpperLayer, long exeInode,
                      long exeCtime, long exeMtime, boolean exeFromMemfd, boolean exeLowerLayer, long pgid) {
        static final V9 ABSENT = new V9(0, 0, NO_ID, false, 0, 0, 0, false, 0, 0, 0, false, false, -1);
    }

    private static V9 v9Tail(BodyCursor body, int entryStart) {
        long pidnsInitStart = 0;
        long tty = 0;
        if (body.remaining() > PRE_0_10_TAIL) {
            pidnsInitStart = fits(body, 8) ? body.i64("pidns_init_start_ts") : 0;
            tty = fits(body, 4) ? body.u32("tty") : 0;
        }
        long loginUid = fits(body, 4) ? body.u32("loginuid") : NO_ID;
        boolean exeWritable = fits(body, 1) && body.u8("exe_writable") != 0;
        long capInheritable = fits(body, 8) ? body.i64("cap_inheritable") : 0;
        long capPermitted = fits(body, 8) ? body.i64("cap_permitted") : 0;
        long capEffective = fits(body, 8) ? body.i64("cap_effective") : 0;
        boolean exeUpperLayer = fits(body, 1) && body.u8("exe_upper_layer") != 0;
        long exeInode = fits(body, 8) ? body.i64("exe_ino") : 0;
        long exeCtime = fits(body, 8) ? body.i64("exe_ino_ctime") : 0;
        long exeMtime = fits(body, 8) ? body.i64("exe_ino_mtime") : 0;
        boolean exeFromMemfd = fits(body, 1) && body.u8("exe_from_memfd") != 0;
        boolean exeLowerLayer = fits(body, 1) && body.u8("exe_lower_layer") != 0;
        long pgid = fits(body, 8) ? body.i64("pgid") : -1;
        return new V9(pidnsInitStart, tty, loginUid, exeWritable, capInheritable, capPermitted, capEffective,
                exeUpperLayer, exeInode, exeCtime, exeMtime, exeFromMemfd, exeLowerLayer, pgid);
    }

    private static boolean fits(BodyCursor body, int size) {
        return body.remaining() >= size;
    }

    static void fdList(BodyCursor body, boolean v2, Consumer<FdEntry> sink) {
        long tid = body.i64("tid");
        while (body.remaining() >= MIN_ENTRY) {
            if (v2) {
                int start = body.index();
                long entryLength = body.u32("fd entry length");
                if (entryLength < 4) {
                    throw new MalformedBlockException(start, "fd entry length " + entryLength
                            + " is smaller than its own length field");
                }
                int previous = body.limitTo(start + (int) Math.min(entryLength, Integer.MAX_VALUE - start),
                        "fd entry");
                sink.accept(fd(body, tid, v2));
                body.seek(body.end());
                body.restoreEnd(previous);
            } else {
                sink.accept(fd(body, tid, v2));
            }
        }
    }

    private static FdEntry fd(BodyCursor body, long tid, boolean v2) {
        long fd = body.i64("fd");
        long inode = body.i64("ino");
        int code = body.u8("fd type");
        FdKind kind = FdKind.ofCode(code);
        if (kind == null) {
            if (!v2) {
                throw new MalformedBlockException(body.index() - 1, "fd type " + code
                        + " is unknown and a v1 fd list has no entry length to skip it by");
            }
            // A kind from a newer writer: keep the fd, skip its data by the entry length.
            body.seek(body.end());
            return new FdEntry.Named(tid, fd, inode, FdKind.UNSUPPORTED, 0, "unknown-type:[" + code + "]", 0);
        }
        return switch (kind) {
            case IPV4_SOCKET -> {
                byte[] source = body.bytes(4, "source IPv4 address");
                byte[] destination = body.bytes(4, "destination IPv4 address");
                int sourcePort = body.u16("source port");
                int destinationPort = body.u16("destination port");
                yield new FdEntry.InetSocket(tid, fd, inode, kind, source, sourcePort, destination,
                        destinationPort, body.u8("l4 protocol"));
            }
            case IPV6_SOCKET -> {
                byte[] source = body.bytes(16, "source IPv6 address");
                byte[] destination = body.bytes(16, "destination IPv6 address");
                int sourcePort = body.u16("source port");
                int destinationPort = body.u16("destination port");
                yield new FdEntry.InetSocket(tid, fd, inode, kind, source, sourcePort, destination,
                        destinationPort, body.u8("l4 protocol"));
            }
            case IPV4_SERVER_SOCKET -> new FdEntry.InetServerSocket(tid, fd, inode, kind,
                    body.bytes(4, "IPv4 address"), body.u16("port"), body.u8("l4 protocol"));
            case IPV6_SERVER_SOCKET -> new FdEntry.InetServerSocket(tid, fd, inode, kind,
                    body.bytes(16, "IPv6 address"), body.u16("port"), body.u8("l4 protocol"));
            case UNIX_SOCKET -> new FdEntry.UnixSocket(tid, fd, inode, body.i64("source"),
                    body.i64("destination"), body.str16("name", PATH_MAX));
            case FILE_V2 -> {
                int openFlags = body.i32("open flags");
                String name = body.str16("name", PATH_MAX);
                // Only v2 entries are delimited, so only they can tell whether a device number follows.
                int device = v2 && fits(body, 4) ? body.i32("dev") : 0;
                yield new FdEntry.Named(tid, fd, inode, kind, openFlags, name, device);
            }
            default -> new FdEntry.Named(tid, fd, inode, kind, 0, body.str16("name", PATH_MAX), 0);
        };
    }

    static void userList(BodyCursor body, boolean v2, Consumer<UserEntry> users, Consumer<GroupEntry> groups) {
        while (body.remaining() >= MIN_ENTRY) {
            int previous = -1;
            if (v2) {
                int start = body.index();
                long entryLength = body.u32("user entry length");
                if (entryLength < 4) {
                    throw new MalformedBlockException(start, "user entry length " + entryLength
                            + " is smaller than its own length field");
                }
                previous = body.limitTo(start + (int) Math.min(entryLength, Integer.MAX_VALUE - start),
                        "user entry");
            }
            int kind = body.u8("user entry type");
            switch (kind) {
                case 0 -> users.accept(new UserEntry(body.u32("uid"), body.u32("gid"),
                        body.str16("user name", USER_STRING_MAX), body.str16("home directory", USER_STRING_MAX),
                        body.str16("shell", USER_STRING_MAX)));
                case 1 -> groups.accept(new GroupEntry(body.u32("gid"), body.str16("group name", USER_STRING_MAX)));
                default -> throw new MalformedBlockException(body.index() - 1,
                        "user entry type " + kind + " is neither 0 (user) nor 1 (group)");
            }
            if (v2) {
                body.seek(body.end());
                body.restoreEnd(previous);
            }
        }
    }

    static void interfaceList(BodyCursor body, boolean v2, Consumer<NetworkInterface> sink) {
        while (body.remaining() >= MIN_ENTRY) {
            int previous = -1;
            if (v2) {
                long entryLength = body.u32("interface entry length");
                previous = body.limitTo(body.index() + (int) Math.min(entryLength, Integer.MAX_VALUE - body.index()),
                        "interface entry");
            }
            int typeAt = body.index();
            int type = body.u16("interface type");
            int nameLength = body.u16("interface name length");
            boolean ipv6 = type == 2 || type == 4;
            if (type < 1 || type > 4) {
                throw new MalformedBlockException(typeAt, "interface type " + type
                        + " is none of 1 (IPv4), 2 (IPv6), 3 (IPv4 without link speed), 4 (IPv6 without link speed)");
            }
            int size = ipv6 ? 16 : 4;
            byte[] address = body.bytes(size, "interface address");
            byte[] netmask = body.bytes(size, "interface netmask");
            byte[] broadcast = body.bytes(size, "interface broadcast address");
            long linkSpeed = type <= 2 ? body.i64("link speed") : 0;
            if (nameLength > PATH_MAX) {
                throw new MalformedBlockException(typeAt + 2, "interface name length " + nameLength
                        + " exceeds the limit of " + PATH_MAX + " bytes");
            }
            String name = body.fixedString(nameLength, "interface name");
            sink.accept(new NetworkInterface(name, ipv6, address, netmask, broadcast, linkSpeed));
            if (v2) {
                body.seek(body.end());
                body.restoreEnd(previous);
            }
        }
    }
}
