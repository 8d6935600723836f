package dev.peregrine.plugin.syscall.live;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.plugin.syscall.bpf.RingBuffer;
import dev.peregrine.plugin.syscall.bpf.RingMerger;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The {@code modern_ebpf} stream with one partition per ring buffer: the probe puts every event of a
 * process in ring {@code tgid % n}, and partition {@code k} reads ring {@code k} alone (no merge), applying
 * its events to its own cursor over the one shared {@link SyscallState}. The host drives each partition on
 * its own thread; this parent stream is never read itself, reports the driver's drops and, when closed,
 * closes the partitions and detaches the probe. Process-lifecycle events are applied in timestamp order
 * across partitions through a {@link PartitionClock}.
 */
public final class PartitionedLiveCapture implements EventStream {

    /** Longest a lifecycle event waits for a stalled partition (see {@link PartitionClock}). */
    static final long MAX_LIFECYCLE_WAIT_MILLIS = 50;

    private final List<EventStream> partitions;
    private final PartitionClock clock;
    private final List<LiveCapture> captures;
    private final CounterReadings counters;
    private final AutoCloseable driver;
    private final PluginLogger log;
    private final String description;
    private boolean closed;

    /**
     * @param rings    the probe's rings, by partition
     * @param counters the driver's drop counters (all rings)
     * @param driver   closed last (detaches the probe, unmaps the rings)
     * @param state    a state created partitioned; partition 0 uses it, the others cursors over it
     */
    public PartitionedLiveCapture(List<RingBuffer> rings, DriverCounters counters, AutoCloseable driver,
                                  EventTable table, SyscallState state, SyscallEventTypeCatalog catalog,
                                  PluginLogger log) {
        this(rings, counters, driver, table, state, catalog, log, MAX_LIFECYCLE_WAIT_MILLIS);
    }

    /** As above, with the longest wait of a lifecycle event for a stalled partition. */
    PartitionedLiveCapture(List<RingBuffer> rings, DriverCounters counters, AutoCloseable driver, EventTable table,
                           SyscallState state, SyscallEventTypeCatalog catalog, PluginLogger log, long maxWaitMillis) {
        this.counters = new CounterReadings(counters);
        this.driver = driver;
        this.log = log;
        List<java.util.function.BooleanSupplier> drained = new ArrayList<>();
        for (RingBuffer ring : rings) {
            drained.add(ring::drained);
        }
        this.clock = new PartitionClock(drained, maxWaitMillis);
        List<LiveCapture> built = new ArrayList<>();
        for (int k = 0; k < rings.size(); k++) {
            SyscallState cursor = k == 0 ? state : state.cursor(k);
            // each partition's driver and recorder are the parent's business: closing one closes nothing
            built.add(new LiveCapture(new RingMerger(List.of(rings.get(k))), DriverCounters.NONE, () -> { },
                    table, cursor, catalog, EventRecorder.NONE, log, k + 1, rings.size(), clock, k));
        }
        this.captures = List.copyOf(built);
        this.partitions = List.copyOf(built);
        this.description = "live capture (modern_ebpf, " + rings.size() + " partitions)";
    }

    @Override
    public List<EventStream> partitions() {
        return partitions;
    }

    /** Never called by a host that honours {@link #partitions()}; reports the end for one that does not. */
    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        throw new PluginException("the modern_ebpf stream is partitioned: read its partitions");
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

    /** Lifecycle events that stopped waiting for a stalled partition. */
    public long orderingLapses() {
        return clock.lapses();
    }

    /** Records skipped because they were not well-formed events, over all partitions. */
    public long malformedRecords() {
        long total = 0;
        for (LiveCapture capture : captures) {
            total += capture.malformedRecords();
        }
        return total;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        counters.freeze();
        closed = true;
        captures.forEach(LiveCapture::close);
        try {
            driver.close();
        } catch (Exception e) {
            log.warning("cannot detach the eBPF probe cleanly: " + e.getMessage());
        }
    }
}
