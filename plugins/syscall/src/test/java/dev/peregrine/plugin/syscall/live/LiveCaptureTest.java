package dev.peregrine.plugin.syscall.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.bpf.FakeRing;
import dev.peregrine.plugin.syscall.bpf.RingMerger;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyntheticEvents;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LiveCaptureTest {

    private final SyntheticEvents events = new SyntheticEvents();
    private final EventTable table = EventTable.standard();

    /** Keeps what it was handed: type and ts of each event, read during the call. */
    private static final class Recorder implements EventRecorder {
        final List<Long> timestamps = new ArrayList<>();
        boolean closed;

        @Override
        public void record(EventView event) {
            timestamps.add(event.timestampNanos());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Reads each delivered event during add, as the host does before asking for more. */
    private static final class Batch implements EventBatch {
        final List<Long> timestamps = new ArrayList<>();
        final List<Long> tids = new ArrayList<>();
        final List<Integer> cpus = new ArrayList<>();

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
            EventView view = ((SyscallEvent) event).view();
            timestamps.add(view.timestampNanos());
            tids.add(view.tid());
            cpus.add(view.cpu());
            return true;
        }
    }

    private byte[] closeEnter(long tid, long ts) {
        return events.event("PPME_SYSCALL_CLOSE_E", tid, ts, SyntheticEvents.i64(3)).toByteArray();
    }

    private byte[] clone(long tid, long ts, long child) {
        return events.clone(tid, ts, child, tid, tid, 1, "bash", 0).toByteArray();
    }

    @Test
    void eventsFromAllRingsAreRecordedAppliedAndDeliveredInTimestampOrder() throws PluginException {
        FakeRing a = new FakeRing(1 << 16, 0);
        FakeRing b = new FakeRing(1 << 16, 0);
        a.write(clone(100, 30, 200));
        b.write(closeEnter(300, 10));
        b.write(clone(300, 20, 301));
        Recorder recorder = new Recorder();
        SyscallState state = new SyscallState(table, HostSnapshot.machineOnly(2, 0));
        AtomicBoolean driverClosed = new AtomicBoolean();
        LiveCapture capture = new LiveCapture(new RingMerger(List.of(a.reader(0), b.reader(1))), () -> 7,
                () -> driverClosed.set(true), table, state, SyscallEventTypeCatalog.standard(), recorder,
                (level, message) -> { });
        Batch batch = new Batch();

        assertEquals(BatchStatus.SUCCESS, capture.nextBatch(batch));
        assertEquals(List.of(20L), batch.timestamps, "the close enter event is not evaluated");
        assertEquals(List.of(1), batch.cpus, "evt.cpu is the ring index");
        assertTrue(b.consumerPosition() > 0, "the close enter record was released");
        long beforeNext = b.consumerPosition();
        assertTrue(beforeNext < b.producerPosition(), "the delivered record stays pending while rules read it");

        assertEquals(BatchStatus.SUCCESS, capture.nextBatch(batch));
        assertEquals(b.producerPosition(), b.consumerPosition(), "released on the next call");
        assertEquals(List.of(20L, 30L), batch.timestamps);
        assertEquals(List.of(300L, 100L), batch.tids);
        assertEquals(BatchStatus.TIMEOUT, capture.nextBatch(batch));
        assertEquals(a.producerPosition(), a.consumerPosition());

        assertEquals(List.of(10L, 20L, 30L), recorder.timestamps, "every record is recorded, filtered or not");
        assertTrue(state.threads().get(301) != null, "the clone child is in the state");
        assertEquals(7, capture.driverDrops());
        capture.close();
        assertTrue(recorder.closed && driverClosed.get());
        assertEquals(BatchStatus.EOF, capture.nextBatch(batch));
    }

    @Test
    void aMalformedRecordIsSkippedWithOneWarning() throws PluginException {
        FakeRing ring = new FakeRing(1 << 12, 0);
        byte[] bad = clone(1, 5, 2);
        bad[16] = (byte) 0xFF; // event length past the record
        ring.write(bad);
        ring.write(clone(1, 6, 3));
        List<String> warnings = new ArrayList<>();
        LiveCapture capture = new LiveCapture(new RingMerger(List.of(ring.reader(0))), DriverCounters.NONE,
                () -> { }, table, new SyscallState(table, HostSnapshot.machineOnly(1, 0)),
                SyscallEventTypeCatalog.standard(), EventRecorder.NONE, (level, message) -> warnings.add(message));
        Batch batch = new Batch();
        assertEquals(BatchStatus.SUCCESS, capture.nextBatch(batch));
        assertEquals(List.of(6L), batch.timestamps);
        assertEquals(1, capture.malformedRecords());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("ring buffer 0"), warnings.get(0));
    }
}
