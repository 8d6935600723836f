package dev.peregrine.plugin.syscall.live;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.plugin.syscall.bpf.RingBuffer;
import dev.peregrine.plugin.syscall.bpf.RingMerger;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.io.IOException;
import java.util.Set;

/**
 * The {@code modern_ebpf} event stream: reads the probe's ring buffers in place, merged by timestamp,
 * and does what capture replay does with each event (record for {@code -w}, apply to the state, hand
 * the evaluated ones to the host). Events are already in the current format; no converter.
 *
 * <p>One event per batch, and the delivered record stays pending in its ring until the next call: the
 * view points into the ring, so the kernel must not reuse that space while rules read it.
 */
public final class LiveCapture implements EventStream {

    /** Records handled per call before returning to the host even if none was evaluated. */
    private static final int MAX_RECORDS_PER_CALL = 4096;

    private final RingMerger merger;
    private final CounterReadings counters;
    private final AutoCloseable driver;
    private final SyscallState state;
    private final SyscallEventTypeCatalog catalog;
    private final EventRecorder recorder;
    private final PluginLogger log;
    private final EventView view;
    private final SyscallEvent current;
    private final String description;
    private final long numberStep;
    /** Null unless this stream is one partition of several; then its index and the lifecycle event types. */
    private final PartitionClock clock;
    private final int partition;
    private final boolean[] lifecycle;
    private int pendingRing = -1;
    private long number;
    private long malformed;
    private boolean closed;

    /**
     * @param merger   the rings to read
     * @param counters the driver's drop counters
     * @param driver   closed with the stream (detaches the probe, unmaps the rings)
     * @param table    the event table
     * @param state    the state to update
     * @param catalog  decides which event types rules see
     * @param recorder receives every record read, before filtering
     * @param log      the plugin log
     */
    public LiveCapture(RingMerger merger, DriverCounters counters, AutoCloseable driver, EventTable table,
                       SyscallState state, SyscallEventTypeCatalog catalog, EventRecorder recorder, PluginLogger log) {
        this(merger, counters, driver, table, state, catalog, recorder, log, 1, 1, null, 0);
    }

    /** The event types that change process lineage: clone-family exits, execve/execveat exits, procexit. */
    private static final Set<String> LIFECYCLE = Set.of("PPME_SYSCALL_CLONE_20_X",
            "PPME_SYSCALL_FORK_20_X", "PPME_SYSCALL_VFORK_20_X", "PPME_SYSCALL_CLONE3_X", "PPME_SYSCALL_EXECVE_19_X",
            "PPME_SYSCALL_EXECVEAT_X", "PPME_PROCEXIT_1_E");

    /**
     * A stream numbering its events {@code firstNumber}, {@code firstNumber + numberStep}, ...: partition
     * {@code k} of {@code n} uses {@code k + 1} and {@code n}, so {@code evt.num} stays unique across
     * partitions and increasing within each.
     */
    LiveCapture(RingMerger merger, DriverCounters counters, AutoCloseable driver, EventTable table,
                SyscallState state, SyscallEventTypeCatalog catalog, EventRecorder recorder, PluginLogger log,
                long firstNumber, long numberStep, PartitionClock clock, int partition) {
        this.numberStep = numberStep;
        this.clock = clock;
        this.partition = partition;
        this.lifecycle = new boolean[table.size()];
        for (EventInfo info : table.events()) {
            lifecycle[info.code()] = LIFECYCLE.contains(info.enumName());
        }
        this.number = firstNumber - numberStep;
        this.merger = merger;
        this.counters = new CounterReadings(counters);
        this.driver = driver;
        this.state = state;
        this.catalog = catalog;
        this.recorder = recorder;
        this.log = log;
        this.view = new EventView(table);
        this.current = new SyscallEvent(state);
        this.description = "live capture (modern_ebpf, " + merger.size() + " ring buffer"
                + (merger.size() == 1 ? "" : "s") + ")";
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        if (closed) {
            return BatchStatus.EOF;
        }
        releasePending();
        for (int handled = 0; handled < MAX_RECORDS_PER_CALL; handled++) {
            int index = merger.next();
            if (index < 0) {
                if (clock != null) {
                    clock.idle(partition);
                }
                return handled == 0 ? BatchStatus.TIMEOUT : BatchStatus.SUCCESS;
            }
            RingBuffer ring = merger.ring(index);
            int at = ring.peek();
            view.wrap(ring.data(), at);
            String problem = view.validate(ring.pendingLength());
            if (problem != null) {
                if (malformed++ == 0) {
                    log.warning("skipping a malformed event from ring buffer " + index + ": " + problem);
                }
                ring.consume();
                continue;
            }
            if (clock != null) {
                // everything before this event is applied and evaluated (the previous one was, before this call)
                long ts = view.timestampNanos();
                clock.publish(partition, ts);
                if (lifecycle[view.type()]) {
                    clock.awaitOthers(partition, ts);
                }
            }
            number += numberStep;
            view.position(number, ring.index(), 0);
            try {
                recorder.record(view);
            } catch (IOException e) {
                throw new PluginException("cannot write the capture file: " + e.getMessage());
            }
            state.apply(view);
            if (catalog.isEvaluated(view.type())) {
                batch.add(current.wrap(view));
                pendingRing = index;
                return BatchStatus.SUCCESS;
            }
            ring.consume();
        }
        return BatchStatus.SUCCESS;
    }

    private void releasePending() {
        if (pendingRing >= 0) {
            merger.ring(pendingRing).consume();
            pendingRing = -1;
        }
    }

    /** The state the stream maintains (what field extraction reads). */
    public SyscallState state() {
        return state;
    }

    /** Records skipped because they were not well-formed events. */
    public long malformedRecords() {
        return malformed;
    }

    @Override
    public java.util.Map<String, Long> driverCounters() {
        return counters.byStatName();
    }

    @Override
    public long driverDrops() {
        return counters.drops();
    }

    @Override
    public String progressText() {
        return description;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        counters.freeze();
        closed = true;
        if (clock != null) {
            clock.idle(partition);
        }
        try {
            recorder.close();
        } catch (IOException e) {
            log.warning("cannot close the capture file: " + e.getMessage());
        }
        try {
            driver.close();
        } catch (Exception e) {
            log.warning("cannot detach the eBPF probe cleanly: " + e.getMessage());
        }
    }
}
