package dev.peregrine.plugin.syscall.live;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.bpf.FakeRing;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyntheticEvents;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.state.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Two rings, two partitions, one state: bash (100) and init in ring 0, bash's child 201 in ring 1. */
class PartitionedLiveCaptureTest {

    private final SyntheticEvents events = new SyntheticEvents();
    private final EventTable table = EventTable.standard();

    private static ProcessEntry process(long tid, long ptid, String comm) {
        return new ProcessEntry(tid, tid, ptid, -1, -1, comm, comm, "/bin/" + comm, List.of(), "/", 1024, 0,
                0, 0, 0, 0, 0, 0, 0, List.of(), tid, tid, List.of(), "/", 0, 0, 0xFFFF_FFFFL,
                false, 0, 0, 0, false, 0, 0, 0, false, false, tid);
    }

    /** Keeps the last delivered event (the view is valid until the next call on the same partition). */
    private static final class Batch implements EventBatch {
        final List<Long> numbers = new ArrayList<>();
        SyscallEvent last;

        @Override
        public int remaining() {
            return 1;
        }

        @Override
        public boolean add(long timestampNanos, byte[] payload) {
            throw new AssertionError("live events are views");
        }

        @Override
        public boolean add(Event event) {
            last = (SyscallEvent) event;
            numbers.add(event.number());
            return true;
        }
    }

    @Test
    void anExitWaitsUntilTheOtherPartitionHasEvaluatedItsOlderEventsAndEachPartitionNumbersApart()
            throws Exception {
        FakeRing ring0 = new FakeRing(1 << 16, 0);
        FakeRing ring1 = new FakeRing(1 << 16, 0);
        ring1.write(events.event("PPME_SYSCALL_OPENAT_2_X", 201, 12, i64(3), i64(-100), str("/etc/shadow"), u32(1),
                u32(0), u32(0)).toByteArray());
        ring0.write(events.event("PPME_PROCEXIT_1_E", 100, 13, i64(0)).toByteArray());
        ring0.write(events.event("PPME_SYSCALL_CLOSE_X", 1, 14, i64(0)).toByteArray());
        CaptureMetadata start = new CaptureMetadata(new SectionHeader(1, 2, -1, 0), null,
                List.of(process(1, 0, "init"), process(100, 1, "bash"), process(201, 100, "cat")), List.of(), List.of(),
                List.of(), List.of());
        AtomicBoolean probeClosed = new AtomicBoolean();
        PartitionedLiveCapture capture = new PartitionedLiveCapture(List.of(ring0.reader(0), ring1.reader(1)), () -> 5,
                () -> probeClosed.set(true), table, new SyscallState(table, start, 2), SyscallEventTypeCatalog.standard(),
                (level, message) -> { }, 60_000);
        List<EventStream> partitions = capture.partitions();
        assertEquals(2, partitions.size());
        assertThrows(PluginException.class, () -> capture.nextBatch(new Batch()), "the parent is not read");

        Batch childBatch = new Batch();
        assertEquals(BatchStatus.SUCCESS, partitions.get(1).nextBatch(childBatch));
        SyscallState childView = childBatch.last.state();
        assertEquals(201, childView.thread().tid());

        // partition 0 reaches bash's exit while partition 1's older open is still being evaluated
        Batch parentBatch = new Batch();
        Thread parent = Thread.ofPlatform().start(() -> {
            try {
                while (parentBatch.numbers.size() < 2) {
                    partitions.get(0).nextBatch(parentBatch);
                }
            } catch (PluginException e) {
                throw new IllegalStateException(e);
            }
        });
        parent.join(20);
        assertTrue(parent.isAlive(), "the exit waits for partition 1");
        ThreadInfo up = childView.threads().ancestor(childView.thread(), 1);
        assertEquals("bash", up.comm(), "the open is evaluated with its parent still alive");

        assertEquals(BatchStatus.TIMEOUT, partitions.get(1).nextBatch(childBatch), "partition 1 is done");
        parent.join(5_000);
        assertFalse(parent.isAlive());
        assertEquals(1, childView.threads().get(201).ptid(), "after bash's exit its child belongs to init");
        assertEquals(0, capture.orderingLapses());
        assertEquals(List.of(2L), childBatch.numbers, "partition 1 of 2 numbers 2, 4, ...");
        assertEquals(List.of(1L, 3L), parentBatch.numbers, "partition 0 of 2 numbers 1, 3, ...");
        assertEquals(5, capture.driverDrops());
        capture.close();
        assertTrue(probeClosed.get());
        assertEquals(BatchStatus.EOF, partitions.get(0).nextBatch(parentBatch), "closing the parent closed the partitions");
    }
}
