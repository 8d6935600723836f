package dev.peregrine.plugin.syscall.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.FdKind;
import dev.peregrine.plugin.syscall.capture.NetworkInterface;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner on a procfs tree built in a temp directory, so it runs on any machine. */
class ProcScannerTest {

    @TempDir
    Path root;
    Path proc;
    Path etc;
    Path binary;

    @BeforeEach
    void buildTree() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        etc = Files.createDirectories(root.resolve("etc"));
        binary = Files.writeString(root.resolve("nginx-bin"), "#!/bin/sh\n");
        Path data = Files.writeString(root.resolve("access.log"), "x");
        write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n# comment\nwww:x:33:33:www:/var/www:/usr/sbin/nologin\n");
        write("etc/group", "root:x:0:\nwww:x:33:alice,bob\n");
        write("proc/cpuinfo", "processor\t: 0\nmodel\t: x\n\nprocessor\t: 1\n");
        write("proc/meminfo", "MemTotal:        2048 kB\nMemFree: 1 kB\n");
        write("proc/stat", "cpu  1 2 3\nbtime 1700000000\nprocesses 5\n");
        write("proc/sys/kernel/hostname", "fakehost\n");
        write("proc/sys/kernel/pid_max", "4194304\n");
        write("proc/net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5555 1 0\n"
                + "   1: 0100007F:0050 0200000A:C350 01 00000000:00000000 00:00000000 00000000     0        0 5556 1 0\n");
        write("proc/net/udp", "  sl  local_address rem_address   st\n");
        write("proc/net/unix", "Num       RefCount Protocol Flags    Type St Inode Path\n"
                + "ffff8880a1b2c3d4: 00000002 00000000 00010000 0001 01 7777 /run/nginx.sock\n");
        write("proc/net/netlink", "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n"
                + "ffff888003a4c000 0   100        00000000 0        0        0     2        0        8888\n");

        Path p = Files.createDirectories(proc.resolve("100"));
        write("proc/100/cmdline", "nginx\0-g\0daemon off;\0");
        write("proc/100/environ", "PATH=/bin\0HOME=/\0");
        write("proc/100/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max open files            1024                 4096                 files\n");
        write("proc/100/loginuid", "4294967295");
        write("proc/100/cgroup", "0::/system.slice/nginx.service\n");
        Files.createSymbolicLink(p.resolve("exe"), binary);
        Files.createSymbolicLink(p.resolve("cwd"), root);
        Files.createSymbolicLink(p.resolve("root"), Path.of("/"));
        thread(100, 100, "nginx", 1);
        thread(100, 101, "nginx-worker", 1);
        Path fd = Files.createDirectories(p.resolve("fd"));
        Path fdinfo = Files.createDirectories(p.resolve("fdinfo"));
        Files.createSymbolicLink(fd.resolve("3"), data);
        write("proc/100/fdinfo/3", "pos:\t0\nflags:\t02102001\nmnt_id:\t1\nino:\t42\n");
        Files.createSymbolicLink(fd.resolve("4"), Path.of("socket:[5555]"));
        Files.createSymbolicLink(fd.resolve("5"), Path.of("socket:[5556]"));
        Files.createSymbolicLink(fd.resolve("6"), Path.of("socket:[7777]"));
        Files.createSymbolicLink(fd.resolve("7"), Path.of("socket:[9999]"));
        Files.createSymbolicLink(fd.resolve("8"), Path.of("pipe:[321]"));
        Files.createSymbolicLink(fd.resolve("9"), Path.of("anon_inode:[eventfd]"));
        Files.writeString(fdinfo.resolve("9"), "pos:\t0\nflags:\t02\nino:\t11\n");
        Files.createSymbolicLink(fd.resolve("10"), Path.of("anon_inode:bpf-map"));
        Files.createSymbolicLink(fd.resolve("14"), Path.of("anon_inode:[bpf-prog]"));
        Files.createSymbolicLink(fd.resolve("15"), Path.of("socket:[8888]"));
        Files.createSymbolicLink(fd.resolve("11"), Path.of("/memfd:payload (deleted)"));
        Files.createSymbolicLink(fd.resolve("12"), Path.of("anon_inode:inotify"));
        Files.createSymbolicLink(fd.resolve("13"), root);

        // A kernel thread: no command line and no executable.
        write("proc/2/cmdline", "");
        thread(2, 2, "kthreadd", 0);

        // A process that exited between the directory listing and reading its files.
        Files.createDirectories(proc.resolve("200/task/200"));
    }

    private void thread(long pid, long tid, String comm, long ppid) throws IOException {
        String dir = "proc/" + pid + "/task/" + tid + "/";
        write(dir + "comm", comm + "\n");
        write(dir + "stat", tid + " (" + comm + ") S " + ppid + " " + pid + " " + pid + " 34816 -1 4194560 77 0 5 0 "
                + "1 2 0 0 20 0 2 0 1234 1000 50");
        write(dir + "status", "Name:\t" + comm + "\nTgid:\t" + pid + "\nPid:\t" + tid + "\nPPid:\t" + ppid
                + "\nUid:\t0\t33\t33\t33\nGid:\t0\t33\t33\t33\nVmSize:\t  2000 kB\nVmRSS:\t   500 kB\nVmSwap:\t 7 kB\n"
                + "NStgid:\t" + pid + "\t1\nNSpid:\t" + tid + "\t" + (tid - pid + 1) + "\nNSpgid:\t" + pid + "\t1\n"
                + "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private CaptureMetadata scan(ProcScanner scanner) {
        return scanner.scan();
    }

    private ProcScanner scanner() {
        NetworkInterface lo = new NetworkInterface("lo", false, new byte[] {127, 0, 0, 1},
                new byte[] {-1, 0, 0, 0}, new byte[4], 0);
        return new ProcScanner(proc, etc, () -> List.of(lo));
    }

    @Test
    void everyThreadOfAProcessIsListedWithTheProcessAttributes() {
        ProcScanner scanner = scanner();
        CaptureMetadata m = scan(scanner);
        assertEquals(List.of(100L, 101L), m.processes().stream().map(ProcessEntry::tid).toList(),
                "kernel threads are left out, as libscap does");
        ProcessEntry main = m.processes().get(0);
        assertEquals(100, main.pid());
        assertEquals(1, main.ptid());
        assertEquals(100, main.sid());
        assertEquals("nginx", main.comm());
        assertEquals("nginx", main.exe());
        assertEquals(binary.toString(), main.exePath());
        assertEquals(List.of("-g", "daemon off;"), main.args());
        assertEquals(List.of("PATH=/bin", "HOME=/"), main.env());
        assertEquals(root.toString(), main.cwd());
        assertEquals("/", main.root());
        assertEquals(1024, main.fdLimit());
        assertEquals(0, main.flags());
        assertEquals(33, main.uid(), "the effective uid, as libscap stores it");
        assertEquals(33, main.gid());
        assertEquals(2000, main.vmSizeKb());
        assertEquals(500, main.vmRssKb());
        assertEquals(7, main.vmSwapKb());
        assertEquals(5, main.pageFaultsMajor());
        assertEquals(77, main.pageFaultsMinor());
        assertEquals(1, main.vtid());
        assertEquals(1, main.vpid());
        assertEquals(1, main.vpgid());
        assertEquals(100, main.pgid());
        assertEquals(34816, main.tty());
        assertEquals(0xFFFF_FFFFL, main.loginUid());
        assertEquals(0x1ff_ffff_ffffL, main.capPermitted());
        assertEquals(0x1ff_ffff_ffffL, main.capEffective());
        assertEquals(0, main.capInheritable());
        assertTrue(main.cgroups().contains("memory=/system.slice/nginx.service"), main.cgroups().toString());
        assertTrue(main.cgroups().contains("cpu=/system.slice/nginx.service"));
        assertTrue(main.exeInode() != 0, "exe inode from the file the link points to");
        assertTrue(main.exeInodeMtimeNanos() > 0);
        assertFalse(main.exeFromMemfd());

        ProcessEntry worker = m.processes().get(1);
        assertEquals("nginx-worker", worker.comm());
        assertEquals(100, worker.pid());
        assertEquals(2, worker.vtid());
        assertEquals(8192 | 1, worker.flags(), "PPM_CL_CLONE_THREAD | PPM_CL_CLONE_FILES");
        assertEquals(main.args(), worker.args());
        assertEquals(0, scanner.permissionErrors());
        assertEquals(1, scanner.vanished(), "process 200 raced the scan and is left out silently");
    }

    @Test
    void fdsAreClassifiedAndSocketsGetTheirTuplesByInode() {
        CaptureMetadata m = scan(scanner());
        Map<Long, FdEntry> fds = m.fds().stream().collect(Collectors.toMap(FdEntry::fd, Function.identity()));
        assertTrue(m.fds().stream().allMatch(f -> f.tid() == 100), "fds belong to the main thread");

        FdEntry.Named file = (FdEntry.Named) fds.get(3L);
        assertEquals(FdKind.FILE_V2, file.kind());
        assertEquals(root.resolve("access.log").toString(), file.name());
        // 02102001 = O_WRONLY | O_APPEND | O_LARGEFILE (0100000) | O_CLOEXEC
        assertEquals(2 | (1 << 3) | (1 << 11) | (1 << 12), file.openFlags());

        FdEntry.InetServerSocket listening = (FdEntry.InetServerSocket) fds.get(4L);
        assertEquals(FdKind.IPV4_SERVER_SOCKET, listening.kind());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, listening.address());
        assertEquals(80, listening.port());
        assertEquals(1, listening.l4Protocol());

        FdEntry.InetSocket connected = (FdEntry.InetSocket) fds.get(5L);
        assertEquals(FdKind.IPV4_SOCKET, connected.kind());
        assertArrayEquals(new byte[] {10, 0, 0, 2}, connected.destinationAddress());
        assertEquals(50000, connected.destinationPort());
        assertEquals(5556, connected.inode());

        FdEntry.UnixSocket unix = (FdEntry.UnixSocket) fds.get(6L);
        assertEquals("/run/nginx.sock", unix.name());
        assertEquals(0xffff8880a1b2c3d4L, unix.source());

        assertFalse(fds.containsKey(7L), "a socket no table lists is left out");
        assertEquals(FdKind.FIFO, fds.get(8L).kind());
        assertEquals(321, fds.get(8L).inode());
        assertEquals(FdKind.EVENT, fds.get(9L).kind());
        assertEquals(11, fds.get(9L).inode());
        assertEquals("", ((FdEntry.Named) fds.get(9L)).name(), "libscap lists anonymous inodes without a name");
        assertEquals(FdKind.UNSUPPORTED, fds.get(10L).kind(), "libscap only recognises the bracketed bpf prefix");
        assertEquals(FdKind.BPF, fds.get(14L).kind());
        assertEquals(FdKind.NETLINK, fds.get(15L).kind());
        assertEquals(FdKind.MEMFD, fds.get(11L).kind());
        assertEquals(FdKind.INOTIFY, fds.get(12L).kind());
        assertEquals(FdKind.DIRECTORY, fds.get(13L).kind());
    }

    @Test
    void usersGroupsMachineAndInterfacesDescribeTheHost() {
        CaptureMetadata m = scan(scanner());
        assertEquals(List.of("root", "www"), m.users().stream().map(u -> u.name()).toList());
        assertEquals("/var/www", m.users().get(1).homeDirectory());
        assertEquals(33, m.users().get(1).uid());
        assertEquals(List.of("root", "www"), m.groups().stream().map(g -> g.name()).toList());
        assertEquals(2, m.machine().cpuCount());
        assertEquals(2048L * 1024, m.machine().memoryBytes());
        assertEquals(4194304, m.machine().maxPid());
        assertEquals("fakehost", m.machine().hostname());
        assertEquals(1_700_000_000_000_000_000L, m.machine().bootTimeNanos());
        assertEquals(List.of("lo"), m.interfaces().stream().map(NetworkInterface::name).toList());
    }

    @Test
    void anUnreadableFdDirectoryIsCountedNotFatal() throws Exception {
        Files.setPosixFilePermissions(proc.resolve("100/fd"), java.util.Set.of());
        if (!"root".equals(System.getProperty("user.name"))) {
            ProcScanner scanner = scanner();
            CaptureMetadata m = scan(scanner);
            assertEquals(2, m.processes().size());
            assertTrue(m.fds().isEmpty());
            assertEquals(1, scanner.permissionErrors());
            return;
        }
        // root reads through permission bits: scan the same tree as 'nobody' in a child JVM
        assertEquals("processes=2 fds=0 permissionErrors=1", scanAsNobody());
    }

    /** Runs the scanner on this test's tree in a JVM with uid/gid 65534; its one-line summary. */
    private String scanAsNobody() throws Exception {
        Path classes = root.resolve("classes");
        Path source = Path.of(ProcScanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = classes.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path program = Files.writeString(root.resolve("Scan.java"), """
                import dev.peregrine.plugin.syscall.procfs.ProcScanner;
                import java.nio.file.Path;
                import java.util.List;
                public class Scan {
                    public static void main(String[] args) {
                        ProcScanner scanner = new ProcScanner(Path.of(args[0]), Path.of(args[1]), List::of);
                        var m = scanner.scan();
                        System.out.print("processes=" + m.processes().size() + " fds=" + m.fds().size()
                                + " permissionErrors=" + scanner.permissionErrors());
                    }
                }
                """);
        try (var files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                if (!path.equals(proc.resolve("100/fd")) && !Files.isSymbolicLink(path)) {
                    Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(
                            Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        for (Path up = root.getParent(); up != null; up = up.getParent()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(up) && up.toFile().canRead(),
                    "cannot hand the tree to another user: " + up + " is not searchable");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                javaBin, "-cp", classes.toString(), program.toString(), proc.toString(), etc.toString())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        return out.strip();
    }

    @Test
    void cgroupV1EntriesSplitTheirControllers() {
        assertEquals(List.of("cpu=/a", "cpuacct=/a", "memory=/b"),
                ProcScanner.cgroups("4:cpu,cpuacct:/a\n3:memory:/b\n0::/c\n"));
    }
}
