package dev.peregrine.plugin.syscall.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.bpf.BpfProbe;
import dev.peregrine.plugin.syscall.bpf.Libbpf;
import dev.peregrine.plugin.syscall.bpf.ProbeSettings;
import dev.peregrine.plugin.syscall.bpf.RingBuffer;
import dev.peregrine.plugin.syscall.bpf.RingMerger;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our probe on the real kernel: loaded through libbpf, actions of child processes read back from the
 * ring buffers with the pure-Java consumer. Skips loudly unless root with BTF and a built probe.
 */
class ModernEbpfLiveIT {

    private static final long WAIT_NANOS = 10_000_000_000L;
    private final EventTable table = EventTable.standard();
    private Libbpf lib;
    private BpfProbe probe;
    private RingMerger merger;

    @BeforeEach
    void loadProbe() throws Exception {
        LiveAssumptions.assumeLiveEbpf();
        lib = Libbpf.load();
        probe = BpfProbe.open(lib, BpfProbe.bundledObject(getClass().getClassLoader()),
                new ProbeSettings(2, 8 << 20, lib.getpid(), false, ProbeSettings.DEFAULT_SNAPLEN, lib.bootTimeNanos()));
        merger = new RingMerger(probe.rings());
    }

    @AfterEach
    void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    /** Reads events until {@code match} accepts one (returned as a copy) or the wait runs out. */
    private EventView awaitEvent(Predicate<EventView> match) throws InterruptedException {
        EventView view = new EventView(table);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            int index = merger.next();
            if (index < 0) {
                Thread.sleep(1);
                continue;
            }
            RingBuffer ring = merger.ring(index);
            view.wrap(ring.data(), ring.peek());
            boolean found = view.validate(ring.pendingLength()) == null && match.test(view);
            EventView copy = found ? new EventView(table).wrap(
                    java.nio.ByteBuffer.wrap(view.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN), 0) : null;
            ring.consume();
            if (found) {
                return copy;
            }
        }
        return null;
    }

    private static boolean is(EventView e, String enumName) {
        return e.info().enumName().equals(enumName);
    }

    @Test
    void catOfEtcShadowShowsAnOpenatExitWithItsTidAndFd() throws Exception {
        Process cat = new ProcessBuilder("cat", "/etc/shadow").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        long pid = cat.pid();
        EventView open = awaitEvent(e -> e.tid() == pid && is(e, "PPME_SYSCALL_OPENAT_2_X")
                && !e.isParamEmpty(2) && "/etc/shadow".equals(e.paramString(2)));
        cat.waitFor();
        assertNotNull(open, "no openat exit event for /etc/shadow from cat (pid " + pid + ")");
        assertEquals(3, open.paramSigned(0), "cat opens /etc/shadow on its first free fd");
        assertTrue(open.timestampNanos() > lib.bootTimeNanos(), "ts is epoch ns: " + open.timestampNanos());
    }

    @Test
    void catOfEtcShadowShowsAnOpenatEnterEventWithThePathBeforeTheKernelReadsIt() throws Exception {
        boolean tracefs = java.nio.file.Files.isDirectory(
                java.nio.file.Path.of("/sys/kernel/tracing/events/syscalls/sys_enter_openat"));
        assertEquals(tracefs, probe.perSyscallEnter(),
                "the per-syscall enter tracepoints are used exactly when tracefs offers them");
        Process cat = new ProcessBuilder("cat", "/etc/shadow").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        long pid = cat.pid();
        EventView enter = awaitEvent(e -> e.tid() == pid && is(e, "PPME_SYSCALL_OPENAT_2_E")
                && !e.isParamEmpty(1) && "/etc/shadow".equals(e.paramString(1)));
        cat.waitFor();
        assertNotNull(enter, "no openat enter event for /etc/shadow from cat (pid " + pid + ")");
        assertEquals(-100, enter.paramSigned(0), "cat opens relative to AT_FDCWD");
    }

    @Test
    void ourOwnProcessIsNotCaptured() throws Exception {
        Process child = new ProcessBuilder("true").start();
        long childPid = child.pid();
        long self = ProcessHandle.current().pid();
        boolean[] sawSelf = {false};
        EventView fromChild = awaitEvent(e -> {
            if (e.tid() == self) {
                sawSelf[0] = true;
            }
            return e.tid() == childPid;
        });
        child.waitFor();
        assertNotNull(fromChild, "no event from the child " + childPid);
        assertTrue(!sawSelf[0], "an event of the capturing process itself was delivered");
        assertTrue(probe.drops().events() > 0, "the probe's event counter moves");
    }
}
