package dev.peregrine.plugin.syscall.state;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.FdKind;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One state, two partition cursors: processes with an even tgid belong to partition 0, odd ones to
 * partition 1 (the probe's {@code tgid % 2}). bash (100) is in partition 0; its children get odd pids.
 */
class PartitionedStateTest {

    private final EventTable table = EventTable.standard();

    private static ProcessEntry process(long tid, long pid, long ptid, String comm) {
        return new ProcessEntry(tid, pid, ptid, -1, -1, comm, comm, "/bin/" + comm, List.of("-x"), "/home/u", 1024, 0,
                1000, 1000, 0, 0, 0, 0, 0, List.of("HOME=/root"), tid, pid, List.of(), "/", 0, 0, 0xFFFF_FFFFL,
                false, 0, 0, 0, false, 0, 0, 0, false, false, pid);
    }

    private static CaptureMetadata metadata() {
        return new CaptureMetadata(new SectionHeader(1, 2, -1, 0), null,
                List.of(process(1, 1, 0, "init"), process(100, 100, 1, "bash")),
                List.of(new FdEntry.Named(100, 0, 6, FdKind.FILE, 0, "/dev/null", 0)), List.of(), List.of(), List.of());
    }

    private static EventView execve(SyntheticEvents events, long tid, long ts, String comm, long ptid) {
        return events.event("PPME_SYSCALL_EXECVE_19_X", tid, ts, i64(0), str(comm), str("/etc/shadow"), i64(tid),
                i64(tid), i64(ptid), str("/"), i64(1024), i64(0), i64(0), u32(0), u32(0), u32(0), str(comm));
    }

    @Test
    void aChildInAnotherPartitionSeesItsParentsLineageAndKeepsItsOwnEntry() {
        SyscallState p0 = new SyscallState(table, metadata(), 2);
        SyscallState p1 = p0.cursor(1);
        SyntheticEvents events0 = new SyntheticEvents();
        SyntheticEvents events1 = new SyntheticEvents();

        // the child's ring is read first: its own clone exit, then an execve
        p1.apply(events1.clone(201, 20, 0, 201, 201, 100, "bash", 0));
        p1.apply(execve(events1, 201, 21, "cat", 100));
        assertEquals(201, p1.thread().tid());
        assertEquals("cat", p1.thread().comm());
        assertEquals("bash", p1.threads().ancestor(p1.thread(), 1).comm(), "proc.pname crosses partitions");
        assertEquals("init", p1.threads().ancestor(p1.thread(), 2).comm(), "proc.aname[2] crosses partitions");
        assertEquals("/dev/null", p1.threads().fds(p1.thread()).get(0).name(), "the child copied bash's fd table");

        // the parent's ring comes later: its clone exit neither replaces nor recreates the child
        p0.apply(events0.clone(100, 19, 201, 100, 100, 1, "bash", 0));
        assertSame(p1.thread(), p0.threads().get(201));
        assertEquals("cat", p0.threads().get(201).comm());
        assertEquals(100, p0.thread().tid(), "each cursor has its own current thread");
        assertEquals(201, p1.thread().tid());
    }

    @Test
    void aParentsLateCloseExitDoesNotResurrectAnExitedChildOfAnotherPartition() {
        SyscallState p0 = new SyscallState(table, metadata(), 2);
        SyscallState p1 = p0.cursor(1);
        SyntheticEvents events0 = new SyntheticEvents();
        SyntheticEvents events1 = new SyntheticEvents();
        p1.apply(events1.clone(203, 20, 0, 203, 203, 100, "bash", 0));
        p1.apply(events1.event("PPME_PROCEXIT_1_E", 203, 21, i64(0)));
        p1.apply(events1.event("PPME_SYSCALL_CLOSE_E", 1, 22, i64(3))); // the next event applies the removal
        assertNull(p1.threads().get(203));
        p0.apply(events0.clone(100, 19, 203, 100, 100, 1, "bash", 0));
        assertNull(p0.threads().get(203), "no stale entry without an exit to remove it");
    }

    @Test
    void aChildOfTheSamePartitionIsStillCreatedByItsParentsCloseExit() {
        SyscallState p0 = new SyscallState(table, metadata(), 2);
        p0.apply(new SyntheticEvents().clone(100, 19, 202, 100, 100, 1, "bash", 0));
        ThreadInfo child = p0.threads().get(202);
        assertNotNull(child);
        assertEquals(100, child.ptid());
    }

    @Test
    void forksInOnePartitionAndTheirChildrenInAnotherRunConcurrentlyWithLineageIntact() throws Exception {
        SyscallState p0 = new SyscallState(table, metadata(), 2);
        SyscallState p1 = p0.cursor(1);
        int children = 20_000;
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        Thread parent = new Thread(() -> {
            SyntheticEvents events = new SyntheticEvents();
            await(start);
            for (int i = 0; i < children; i++) {
                long ts = 1_000 + 4L * i;
                long child = 1_001 + 2L * i;
                // bash opens and closes fds while its children copy its table from the other partition
                p0.apply(events.event("PPME_SYSCALL_OPEN_X", 100, ts, i64(10 + i % 50), str("/tmp/f" + i),
                        u32(1), u32(0)));
                p0.apply(events.clone(100, ts + 1, child, 100, 100, 1, "bash", 0));
                p0.apply(events.event("PPME_SYSCALL_CLOSE_X", 100, ts + 2, i64(0)));
                if (p0.thread().tid() != 100) {
                    problems.add("partition 0 lost its current thread at " + i);
                }
            }
        }, "partition-0");
        Thread childPartition = new Thread(() -> {
            SyntheticEvents events = new SyntheticEvents();
            await(start);
            for (int i = 0; i < children; i++) {
                long ts = 1_000 + 4L * i;
                long child = 1_001 + 2L * i;
                p1.apply(events.clone(child, ts + 1, 0, child, child, 100, "bash", 0));
                p1.apply(execve(events, child, ts + 2, "cat", 100));
                ThreadInfo t = p1.thread();
                ThreadInfo up = p1.threads().ancestor(t, 1);
                if (t.tid() != child || up == null || up.tid() != 100 || !"bash".equals(up.comm())
                        || p1.threads().fds(t).get(0) == null) {
                    problems.add("child " + child + " lost its lineage or inherited fds: parent " + up);
                }
                p1.apply(events.event("PPME_PROCEXIT_1_E", child, ts + 3, i64(0)));
            }
            p1.apply(events.event("PPME_SYSCALL_CLOSE_E", 1, Long.MAX_VALUE / 2, i64(3)));
        }, "partition-1");
        parent.start();
        childPartition.start();
        start.countDown();
        parent.join(TimeUnit.MINUTES.toMillis(2));
        childPartition.join(TimeUnit.MINUTES.toMillis(2));

        assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first: " + problems.get(0));
        assertEquals(2, p0.threads().size(), "only init and bash are left: every child exited, none came back");
        assertNotNull(p0.threads().get(100));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
