package dev.peregrine.platform.source;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.platform.plugin.PluginLoadException;
import dev.peregrine.platform.plugin.SourceBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs one event loop (thread) per enabled source, as Falco does: each pulls batches from its
 * plugin's stream and hands the events to the {@link EventSink}. A source reaching EOF ends alone;
 * a failing source stops all of them.
 *
 * <p>A stream that offers {@link EventStream#partitions()} gets one loop per partition instead (threads
 * {@code source-<source>-<i>}), each with its own batch, event numbering, counters and
 * {@link EventSink#forPartition partition sink}; a partition at EOF ends alone, a failing partition stops
 * everything, and the parent stream is closed once every partition loop has returned.
 */
public final class SourceRunner implements AutoCloseable {

    /** What Falco logs before stopping every source after one failed. */
    public static final String FAILURE_NOTICE = "An error occurred in an event source, forcing termination...";

    private static final long TIMEOUT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<SourceBinding> bindings;
    private final EventSink sink;
    private final PluginLogger log;
    private final LongSupplier clock;
    private final Map<String, List<SourceStats>> stats = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<EventStream> streams = new ArrayList<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean stopRequested;

    /**
     * @param bindings the enabled sources ({@code PluginHost.sourceBindings()})
     * @param sink     receives every event
     * @param log      host log (the opening INFO line, the failure notice)
     * @param clock    nanoseconds since the epoch, for events stamped {@code NOW}
     */
    public SourceRunner(List<SourceBinding> bindings, EventSink sink, PluginLogger log, LongSupplier clock) {
        this.bindings = List.copyOf(bindings);
        this.sink = sink;
        this.log = log;
        this.clock = clock;
        for (SourceBinding binding : this.bindings) {
            stats.put(binding.source(), List.of(SourceStats.zero()));
        }
    }

    /** A runner stamping events with the system clock. */
    public SourceRunner(List<SourceBinding> bindings, EventSink sink, PluginLogger log) {
        this(bindings, sink, log, SourceRunner::nowNanos);
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Opens every source (an open failure is fatal, as in Falco) and starts their threads.
     *
     * @throws PluginLoadException with the plugin's reason when a source cannot be opened
     */
    public void start() throws PluginLoadException {
        List<EventStream> opened = new ArrayList<>();
        for (SourceBinding binding : bindings) {
            log.log(PluginLogger.Level.INFO, NoDriver.isNoDriver(binding)
                    ? "Opening '" + binding.source() + "' source with no driver"
                    : "Opening '" + binding.source() + "' source with plugin '" + binding.pluginName() + "'");
            try {
                EventStream stream = binding.instance().open(binding.openParams());
                if (stream == null) {
                    throw new PluginException("plugin '" + binding.pluginName() + "' opened no stream");
                }
                opened.add(stream);
            } catch (PluginException | RuntimeException e) {
                opened.forEach(SourceRunner::closeQuietly);
                throw new PluginLoadException(e instanceof PluginException ? e.getMessage()
                        : "plugin '" + binding.pluginName() + "' failed to open source '" + binding.source() + "': " + e, e);
            }
        }
        streams.addAll(opened);
        try {
            for (int i = 0; i < bindings.size(); i++) {
                SourceBinding binding = bindings.get(i);
                EventStream stream = opened.get(i);
                List<EventStream> partitions = stream.partitions();
                if (partitions == null || partitions.isEmpty()) {
                    SourceStats counters = stats.get(binding.source()).get(0);
                    Thread thread = Thread.ofPlatform().name("source-" + binding.source())
                            .unstarted(() -> {
                                try {
                                    loop(binding, stream, sink, counters);
                                } finally {
                                    closeQuietly(stream);
                                }
                            });
                    threads.add(thread);
                } else {
                    startPartitions(binding, stream, List.copyOf(partitions));
                }
            }
        } catch (RuntimeException e) {
            // a partition sink could not be prepared (e.g. rules failed to bind again): nothing has started
            threads.clear();
            opened.forEach(SourceRunner::closeQuietly);
            throw new PluginLoadException("cannot start the partitions of a source: " + e.getMessage(), e);
        }
        threads.forEach(Thread::start);
    }

    /**
     * Prepares one loop per partition. The loops' counters replace the source's single entry; the last
     * loop to finish closes the parent stream, so no partition is read after its parent closed.
     */
    private void startPartitions(SourceBinding binding, EventStream parent, List<EventStream> partitions) {
        String source = binding.source();
        List<SourceStats> counters = new ArrayList<>();
        List<EventSink> sinks = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            counters.add(SourceStats.zero());
            sinks.add(sink.forPartition(source, p));
        }
        stats.put(source, List.copyOf(counters));
        AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger(partitions.size());
        for (int p = 0; p < partitions.size(); p++) {
            EventStream partition = partitions.get(p);
            EventSink partitionSink = sinks.get(p);
            SourceStats partitionStats = counters.get(p);
            Thread thread = Thread.ofPlatform().name("source-" + source + "-" + p).unstarted(() -> {
                try {
                    loop(binding, partition, partitionSink, partitionStats);
                } finally {
                    if (running.decrementAndGet() == 0) {
                        closeQuietly(parent);
                    }
                }
            });
            threads.add(thread);
        }
    }

    private void loop(SourceBinding binding, EventStream stream, EventSink sink, SourceStats counters) {
        String source = binding.source();
        HostEventBatch batch = new HostEventBatch(binding.pluginId(), clock, counters);
        long number = 0;
        try {
            while (!stopRequested) {
                BatchStatus status;
                try {
                    status = stream.nextBatch(batch);
                } catch (PluginException | RuntimeException e) {
                    fail(binding, e);
                    return;
                }
                int size = batch.size();
                for (int i = 0; i < size; i++) {
                    sink.onEvent(source, batch.numbered(i, ++number));
                }
                if (size > 0) {
                    // this loop is the counter's only writer: a release store is enough for readers and,
                    // unlike an atomic add, costs no locked instruction on sources that deliver one event per call
                    AtomicLong events = counters.events();
                    events.lazySet(events.get() + size);
                    sink.onEndOfBatch(source);
                }
                batch.clear();
                if (status == BatchStatus.EOF) {
                    return;
                }
                if (status == BatchStatus.TIMEOUT && size == 0) {
                    LockSupport.parkNanos(TIMEOUT_PAUSE_NANOS);
                }
            }
        } catch (RuntimeException sinkFailure) {
            fail(binding, sinkFailure);
        }
    }

    private void fail(SourceBinding binding, Exception e) {
        String reason = e instanceof PluginException ? e.getMessage()
                : "plugin '" + binding.pluginName() + "' failed in source '" + binding.source() + "': " + e;
        if (failure.compareAndSet(null, reason)) {
            log.log(PluginLogger.Level.ERROR, FAILURE_NOTICE);
        }
        stopRequested = true;
    }

    /** Asks every loop to stop after its current batch. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Waits until every source has ended (EOF, stop request or failure).
     *
     * @return the failure that forced termination, if any
     */
    public Optional<String> awaitTermination() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
        return Optional.ofNullable(failure.get());
    }

    /**
     * Drops the driver of {@code source} reports ({@link EventStream#driverDrops}), 0 before start or
     * for an unknown source. Call from that source's thread (the drop monitor runs there).
     */
    public long driverDrops(String source) {
        for (int i = 0; i < streams.size() && i < bindings.size(); i++) {
            if (bindings.get(i).source().equals(source)) {
                return streams.get(i).driverDrops();
            }
        }
        return 0;
    }

    /** The driver counters of {@code source} ({@link EventStream#driverCounters}), empty before start. */
    public Map<String, Long> driverCounters(String source) {
        for (int i = 0; i < streams.size() && i < bindings.size(); i++) {
            if (bindings.get(i).source().equals(source)) {
                return streams.get(i).driverCounters();
            }
        }
        return Map.of();
    }

    /**
     * Counters per source, in source order. A partitioned source's entry is a snapshot summing its
     * partitions' counters; an unpartitioned source's entry is its live counters.
     */
    public Map<String, SourceStats> stats() {
        Map<String, SourceStats> out = new LinkedHashMap<>();
        stats.forEach((source, parts) -> out.put(source, parts.size() == 1 ? parts.get(0) : sum(parts)));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static SourceStats sum(List<SourceStats> parts) {
        SourceStats total = SourceStats.zero();
        for (SourceStats part : parts) {
            total.events().addAndGet(part.events().get());
            total.drops().addAndGet(part.drops().get());
            total.rejections().addAndGet(part.rejections().get());
        }
        return total;
    }

    /** Stops every loop and waits for it; an interrupt is kept on the calling thread. */
    @Override
    public void close() {
        stop();
        try {
            awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(EventStream stream) {
        try {
            stream.close();
        } catch (RuntimeException ignored) {
            // close must not throw per the SPI; nothing more to do for a stream that is done
        }
    }
}
