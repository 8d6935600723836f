package dev.peregrine.plugin.syscall.procfs;

import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.FdKind;
import dev.peregrine.plugin.syscall.capture.GroupEntry;
import dev.peregrine.plugin.syscall.capture.MachineInfo;
import dev.peregrine.plugin.syscall.capture.NetworkInterface;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.capture.UserEntry;
import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the initial state of a live capture from {@code /proc}: the same {@link CaptureMetadata} a
 * capture's metadata blocks would hold for this host (every process and thread, each process's fds,
 * host users and groups, machine info, interface addresses), so live and replay seed
 * {@code SyscallState} the same way.
 *
 * <p>Processes that exit while being scanned are left out silently (they raced the scan); files the
 * scanner may not read are counted in {@link #permissionErrors()} and the field keeps its default.
 * One scanner scans once; it is not thread safe.
 */
public final class ProcScanner {

    /** {@code PPM_CL_CLONE_FILES}. */
    private static final int CL_CLONE_FILES = 1;
    /** {@code PPM_CL_CLONE_THREAD}. */
    private static final int CL_CLONE_THREAD = 8192;
    private static final long NO_LOGIN_UID = 0xFFFF_FFFFL;
    private static final String[] CGROUP_V2_CONTROLLERS = {"cpuset", "cpu", "cpuacct", "io", "blkio", "memory",
        "devices", "freezer", "net_cls", "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc"};

    private final Path proc;
    private final Path etc;
    private final Supplier<List<NetworkInterface>> interfaces;
    private final Map<String, SocketTable> socketsByNamespace = new HashMap<>();
    private long permissionErrors;
    private long vanished;

    /**
     * @param proc       the procfs root ({@code /proc} on a live host, a directory tree in tests)
     * @param etc        where {@code passwd} and {@code group} are read from
     * @param interfaces the host's interface addresses (procfs does not list IPv4 addresses by interface)
     */
    public ProcScanner(Path proc, Path etc, Supplier<List<NetworkInterface>> interfaces) {
        this.proc = proc;
        this.etc = etc;
        this.interfaces = interfaces;
    }

    /** Scans a live host: {@code procRoot}, {@code /etc} and the JVM's view of the network interfaces. */
    public static CaptureMetadata scan(Path procRoot) {
        return new ProcScanner(procRoot, Path.of("/etc"), ProcScanner::hostInterfaces).scan();
    }

    /** Files that could not be read for lack of permission during the last scan. */
    public long permissionErrors() {
        return permissionErrors;
    }

    /** Processes that exited while the scan read them (left out). */
    public long vanished() {
        return vanished;
    }

    /** Reads everything; never fails because of a single process. */
    public CaptureMetadata scan() {
        List<ProcessEntry> processes = new ArrayList<>();
        List<FdEntry> fds = new ArrayList<>();
        for (long pid : numericEntries(proc)) {
            try {
                scanProcess(pid, processes, fds);
            } catch (NoSuchFileException e) {
                vanished++;
            } catch (IOException e) {
                if (isGone(e)) {
                    vanished++;
                } else if (e instanceof AccessDeniedException) {
                    permissionErrors++;
                }
            }
        }
        List<UserEntry> users = new ArrayList<>();
        List<GroupEntry> groups = new ArrayList<>();
        readUsers(users, groups);
        return new CaptureMetadata(new SectionHeader(1, 2, -1, 0), machine(), processes, fds, users, groups,
                interfaces.get());
    }

    private void scanProcess(long pid, List<ProcessEntry> processes, List<FdEntry> fds) throws IOException {
        Path dir = proc.resolve(Long.toString(pid));
        // Process-wide attributes are read once and shared by the threads.
        // cmdline is readable by everyone: failing to read it means the process is gone.
        List<String> cmdline = nulList(new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8));
        List<String> env = nulList(readOptional(dir.resolve("environ")));
        String exePath = linkOptional(dir.resolve("exe"));
        String cwd = linkOptional(dir.resolve("cwd"));
        String root = linkOptional(dir.resolve("root"));
        long fdLimit = fdLimit(readOptional(dir.resolve("limits")));
        long loginUid = parseUnsigned(readOptional(dir.resolve("loginuid")).trim(), NO_LOGIN_UID);
        List<String> cgroups = cgroups(readOptional(dir.resolve("cgroup")));
        if (cmdline.isEmpty() && exePath.isEmpty()) {
            return; // a kernel thread or a zombie: libscap leaves these out
        }
        ExeFile exe = exeFile(exePath);
        // The start of the pid namespace's init, seen through the process's root (host init for host processes).
        long pidnsStart = ctimeNanos(dir.resolve("root/proc/1/cmdline"));

        List<ProcessEntry> threads = new ArrayList<>();
        List<Long> tids = numericEntries(dir.resolve("task"));
        if (tids.isEmpty()) {
            tids = List.of(pid);
        }
        for (long tid : tids) {
            Path taskDir = tids.size() == 1 && tid == pid && !Files.isDirectory(dir.resolve("task"))
                    ? dir : dir.resolve("task").resolve(Long.toString(tid));
            try {
                threads.add(thread(pid, tid, taskDir, cmdline, env, exePath, cwd, root, fdLimit, loginUid, cgroups,
                        exe, pidnsStart));
            } catch (NoSuchFileException e) {
                if (tid == pid) {
                    throw e;
                }
                // a thread that exited during the scan
            }
        }
        List<FdEntry> own = new ArrayList<>();
        fds(pid, dir, own);
        processes.addAll(threads);
        fds.addAll(own);
    }

    private ProcessEntry thread(long pid, long tid, Path taskDir, List<String> cmdline, List<String> env,
                                String exePath, String cwd, String root, long fdLimit, long loginUid,
                                List<String> cgroups, ExeFile exe, long pidnsStart) throws IOException {
        Map<String, String> status = status(Files.readString(taskDir.resolve("status"), StandardCharsets.ISO_8859_1));
        String stat = Files.readString(taskDir.resolve("stat"), StandardCharsets.ISO_8859_1);
        String comm = readOptional(taskDir.resolve("comm")).strip();
        int close = stat.lastIndexOf(')');
        if (comm.isEmpty()) {
            comm = stat.substring(stat.indexOf('(') + 1, close);
        }
        String[] s = stat.substring(close + 2).trim().split(" ");
        long pgid = Long.parseLong(s[2]);
        long sid = Long.parseLong(s[3]);
        long tty = Long.parseLong(s[4]) & 0xFFFF_FFFFL;
        long minorFaults = Long.parseLong(s[7]);
        long majorFaults = Long.parseLong(s[9]);
        long ppid = firstLong(status.get("PPid"), 0);
        long[] uids = longs(status.get("Uid"));
        long[] gids = longs(status.get("Gid"));
        long vtid = lastLong(status.get("NSpid"), tid);
        long vpid = lastLong(status.get("NStgid"), pid);
        // As libscap: the ids of a nested pid namespace when there is one, else vpgid stays 0.
        long[] nsPgid = longs(status.get("NSpgid"));
        long vpgid = 0;
        if (nsPgid.length >= 2) {
            pgid = nsPgid[0];
            vpgid = nsPgid[1];
        }
        String exeArg = cmdline.isEmpty() ? "" : cmdline.get(0);
        List<String> args = cmdline.isEmpty() ? List.of() : cmdline.subList(1, cmdline.size());
        long euid = uids.length > 1 ? uids[1] : 0;
        long egid = gids.length > 1 ? gids[1] : 0;
        int flags = tid == pid ? 0 : CL_CLONE_THREAD | CL_CLONE_FILES;
        return new ProcessEntry(tid, pid, ppid, sid, vpgid, comm, exeArg, exePath, args, cwd, fdLimit, flags,
                euid, egid, kb(status.get("VmSize")), kb(status.get("VmRSS")), kb(status.get("VmSwap")), majorFaults,
                minorFaults, env, vtid, vpid, cgroups, root, pidnsStart, tty, loginUid, exe.writableBy(euid, egid),
                hex(status.get("CapInh")), hex(status.get("CapPrm")), hex(status.get("CapEff")), false, exe.inode,
                exe.ctimeNanos, exe.mtimeNanos, exePath.startsWith("/memfd:"), false, pgid);
    }

    // ------------------------------------------------------------------------------------------ fds

    private void fds(long pid, Path dir, List<FdEntry> out) throws IOException {
        Path fdDir = dir.resolve("fd");
        List<Long> numbers;
        try {
            numbers = numericEntriesOrFail(fdDir);
        } catch (AccessDeniedException e) {
            permissionErrors++;
            return;
        }
        SocketTable sockets = null;
        for (long fd : numbers) {
            Path link = fdDir.resolve(Long.toString(fd));
            String target;
            try {
                target = Files.readSymbolicLink(link).toString();
            } catch (NoSuchFileException e) {
                continue; // closed while we listed
            } catch (AccessDeniedException e) {
                permissionErrors++;
                continue;
            }
            FdStat stat = FdStat.of(link);
            boolean socket = stat == null ? target.startsWith("socket:[") : stat.type() == FdStat.SOCKET;
            if (socket) {
                if (sockets == null) {
                    sockets = sockets(dir);
                }
                FdEntry entry = sockets.entry(pid, fd, bracketed(target));
                if (entry != null) {
                    out.add(entry);
                }
                continue;
            }
            out.add(named(pid, fd, target, stat, dir.resolve("fdinfo").resolve(Long.toString(fd))));
        }
    }

    /**
     * A non-socket fd, classified as libscap does: by the file type of what the link points to, and for
     * anonymous inodes (no file type) by the link text, without a name.
     */
    private FdEntry named(long pid, long fd, String target, FdStat stat, Path fdinfoFile) {
        int type = stat != null ? stat.type() : FdStat.guess(target);
        long inode = stat != null ? stat.inode() : 0;
        switch (type) {
            case FdStat.FIFO -> {
                long pipe = bracketed(target);
                return new FdEntry.Named(pid, fd, pipe != 0 ? pipe : inode, FdKind.FIFO, 0, target, 0);
            }
            case FdStat.DIRECTORY -> {
                return new FdEntry.Named(pid, fd, inode, FdKind.DIRECTORY, 0, target, 0);
            }
            case FdStat.FILE -> {
                if (target.startsWith("/memfd:")) {
                    return new FdEntry.Named(pid, fd, inode, FdKind.MEMFD, 0, target, 0);
                }
                String fdinfo = readOptional(fdinfoFile);
                int device = stat == null ? 0 : encodeDevice(stat.device());
                return new FdEntry.Named(pid, fd, inode, FdKind.FILE_V2, OpenFlags.toPpm(fdinfoOctal(fdinfo, "flags:")),
                        target, device);
            }
            default -> {
                if (stat == null) {
                    inode = fdinfoLong(readOptional(fdinfoFile), "ino:", 0);
                }
                return new FdEntry.Named(pid, fd, inode, anonKind(target), 0, "", 0);
            }
        }
    }

    /** The kind libscap gives an anonymous-inode fd by its exact link text ({@code UNSUPPORTED} if none). */
    static FdKind anonKind(String target) {
        return switch (target) {
            case "anon_inode:[eventfd]" -> FdKind.EVENT;
            case "anon_inode:[signalfd]" -> FdKind.SIGNALFD;
            case "anon_inode:[eventpoll]" -> FdKind.EVENTPOLL;
            case "anon_inode:inotify" -> FdKind.INOTIFY;
            case "anon_inode:[timerfd]" -> FdKind.TIMERFD;
            case "anon_inode:[io_uring]" -> FdKind.IOURING;
            case "anon_inode:[userfaultfd]" -> FdKind.USERFAULTFD;
            case "anon_inode:[pidfd]" -> FdKind.PIDFD;
            // libscap matches this bracketed prefix; kernels print "anon_inode:bpf-map" and the like,
            // which therefore stay UNSUPPORTED there and here.
            default -> target.startsWith("anon_inode:[bpf") ? FdKind.BPF : FdKind.UNSUPPORTED;
        };
    }

    private SocketTable sockets(Path processDir) {
        String namespace;
        try {
            namespace = Files.readSymbolicLink(processDir.resolve("ns/net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            namespace = "";
        }
        Path net = namespace.isEmpty() ? proc.resolve("net") : processDir.resolve("net");
        return socketsByNamespace.computeIfAbsent(namespace, key -> SocketTable.read(net));
    }

    /** {@code st_dev} as the kernel's {@code new_encode_dev}, which is what drivers report. */
    private static int encodeDevice(long dev) {
        long major = ((dev >>> 8) & 0xFFF) | ((dev >>> 32) & ~0xFFFL);
        long minor = (dev & 0xFF) | ((dev >>> 12) & ~0xFFL);
        return (int) ((minor & 0xFF) | (major << 8) | ((minor & ~0xFFL) << 12));
    }

    // ------------------------------------------------------------------------------ host-wide tables

    private MachineInfo machine() {
        int cpus = 0;
        for (String line : readOptional(proc.resolve("cpuinfo")).split("\n")) {
            if (line.startsWith("processor")) {
                cpus++;
            }
        }
        if (cpus == 0) {
            cpus = Runtime.getRuntime().availableProcessors();
        }
        long memory = 0;
        for (String line : readOptional(proc.resolve("meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memory = kb(line.substring("MemTotal:".length())) * 1024;
            }
        }
        long maxPid = parseUnsigned(readOptional(proc.resolve("sys/kernel/pid_max")).trim(), 0);
        String hostname = readOptional(proc.resolve("sys/kernel/hostname")).strip();
        long boot = 0;
        for (String line : readOptional(proc.resolve("stat")).split("\n")) {
            if (line.startsWith("btime ")) {
                boot = TimeUnit.SECONDS.toNanos(Long.parseLong(line.substring(6).trim()));
            }
        }
        return new MachineInfo(cpus, memory, maxPid, hostname, boot, 0);
    }

    private void readUsers(List<UserEntry> users, List<GroupEntry> groups) {
        for (String line : readOptional(etc.resolve("passwd")).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && !line.startsWith("#")) {
                try {
                    users.add(new UserEntry(Long.parseLong(f[2]), Long.parseLong(f[3]), f[0], f[5], f[6]));
                } catch (NumberFormatException e) {
                    // NIS "+" lines and the like carry no ids
                }
            }
        }
        for (String line : readOptional(etc.resolve("group")).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !line.startsWith("#")) {
                try {
                    groups.add(new GroupEntry(Long.parseLong(f[2]), f[0]));
                } catch (NumberFormatException e) {
                    // see above
                }
            }
        }
    }

    /** The JVM's view of the host's interface addresses. */
    public static List<NetworkInterface> hostInterfaces() {
        List<NetworkInterface> out = new ArrayList<>();
        try {
            for (java.net.NetworkInterface nic : java.util.Collections.list(
                    java.net.NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    byte[] address = a.getAddress().getAddress();
                    byte[] mask = prefixMask(address.length, a.getNetworkPrefixLength());
                    byte[] broadcast = a.getBroadcast() == null ? new byte[address.length]
                            : a.getBroadcast().getAddress();
                    out.add(new NetworkInterface(nic.getName(), address.length == 16, address, mask, broadcast, 0));
                }
            }
        } catch (SocketException e) {
            // no interface list: fd.is_server and friends fall back to "not local"
        }
        return out;
    }

    private static byte[] prefixMask(int size, int prefix) {
        byte[] mask = new byte[size];
        for (int i = 0; i < size; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            mask[i] = (byte) (0xFF << (8 - bits));
        }
        return mask;
    }

    // ---------------------------------------------------------------------------------- small readers

    /** An executable's inode, times and mode bits, from {@code /proc/<pid>/exe} (follows the link). */
    private record ExeFile(long inode, long ctimeNanos, long mtimeNanos, int mode, long uid, long gid) {
        static final ExeFile NONE = new ExeFile(0, 0, 0, 0, -1, -1);

        /**
         * libscap asks the kernel with the thread's credentials; without changing ours we approximate:
         * the owner can always chmod, root passes, others by the group and other mode bits.
         */
        boolean writableBy(long euid, long egid) {
            if (this == NONE) {
                return false;
            }
            if (uid == euid || euid == 0) {
                return true;
            }
            if (gid == egid) {
                return (mode & 020) != 0;
            }
            return (mode & 02) != 0;
        }
    }

    /** The executable as libscap stats it: by the path the exe link names (0s when it is gone). */
    private ExeFile exeFile(String exePath) {
        if (exePath.isEmpty()) {
            return ExeFile.NONE;
        }
        try {
            Map<String, Object> a = Files.readAttributes(Path.of(exePath), "unix:ino,ctime,lastModifiedTime,mode,uid,gid");
            return new ExeFile((Long) a.get("ino"), nanos((FileTime) a.get("ctime")),
                    nanos((FileTime) a.get("lastModifiedTime")), (Integer) a.get("mode"),
                    ((Integer) a.get("uid")) & 0xFFFF_FFFFL, ((Integer) a.get("gid")) & 0xFFFF_FFFFL);
        } catch (AccessDeniedException e) {
            permissionErrors++;
            return ExeFile.NONE;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return ExeFile.NONE;
        }
    }

    private static long ctimeNanos(Path file) {
        try {
            return nanos((FileTime) Files.getAttribute(file, "unix:ctime"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static long nanos(FileTime time) {
        java.time.Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** A file's text, or "" when it is absent; permission errors are counted. Vanished processes throw. */
    private String readOptional(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            permissionErrors++;
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private String linkOptional(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (AccessDeniedException e) {
            permissionErrors++;
            return "";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static List<Long> numericEntries(Path dir) {
        try {
            return numericEntriesOrFail(dir);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Long> numericEntriesOrFail(Path dir) throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 19) {
                    out.add(Long.parseLong(name));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean isGone(IOException e) {
        String message = e.getMessage();
        return message != null && message.contains("No such process");
    }

    static List<String> nulList(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String trimmed = text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(trimmed.split("\0", -1));
    }

    private static Map<String, String> status(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    private static long[] longs(String value) {
        if (value == null || value.isBlank()) {
            return new long[0];
        }
        return Arrays.stream(value.trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }

    private static long firstLong(String value, long fallback) {
        long[] all = longs(value);
        return all.length == 0 ? fallback : all[0];
    }

    private static long lastLong(String value, long fallback) {
        long[] all = longs(value);
        return all.length == 0 ? fallback : all[all.length - 1];
    }

    private static long kb(String value) {
        if (value == null) {
            return 0;
        }
        String digits = value.trim().split("\\s+")[0];
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static long hex(String value) {
        return value == null || value.isBlank() ? 0 : Long.parseUnsignedLong(value.trim(), 16);
    }

    private static long parseUnsigned(String text, long fallback) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long fdLimit(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? -1 : parseUnsigned(soft, 0);
            }
        }
        return 0;
    }

    /** {@code subsys=path} entries as the process list stores them; cgroup v2 paths apply to every controller. */
    static List<String> cgroups(String text) {
        List<String> v1 = new ArrayList<>();
        String unified = null;
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[1].isEmpty()) {
                unified = f[2];
                continue;
            }
            for (String subsystem : f[1].split(",")) {
                v1.add(subsystem + "=" + f[2]);
            }
        }
        if (!v1.isEmpty() || unified == null) {
            return v1;
        }
        List<String> out = new ArrayList<>();
        for (String controller : CGROUP_V2_CONTROLLERS) {
            out.add(controller + "=" + unified);
        }
        return out;
    }

    private static long bracketed(String target) {
        int open = target.indexOf('[');
        int close = target.indexOf(']', open + 1);
        try {
            return Long.parseLong(target.substring(open + 1, close));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long fdinfoLong(String fdinfo, String key, long fallback) {
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith(key)) {
                return parseUnsigned(line.substring(key.length()).trim(), fallback);
            }
        }
        return fallback;
    }

    private static long fdinfoOctal(String fdinfo, String key) {
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith(key)) {
                try {
                    return Long.parseLong(line.substring(key.length()).trim(), 8);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
