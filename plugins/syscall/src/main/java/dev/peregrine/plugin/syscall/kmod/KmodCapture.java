package dev.peregrine.plugin.syscall.kmod;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kmod} engine: events from the Falco kernel module's per-CPU devices ({@code /dev/<name>N}),
 * merged by timestamp, applied to the state and handed to the host one per batch (like replay). Live
 * events are in the current format, so no converter runs.
 *
 * <p>The devices are opened, version-checked, mapped and configured by {@link KmodDevices} through libc.
 * This project's machines have no module support, so the consumer is tested on rings laid out in
 * memory-mapped regular files ({@link #overRingFiles}, and the same native mapping code over a file) and
 * the device protocol against a fake device.
 */
public final class KmodCapture implements EventStream {

    private static final int PAGE = 4096;
    private static final long MAX_BACKOFF_NANOS = 32_000_000L;

    private final RingMerge merge;
    private final SyscallState state;
    private final SyscallEventTypeCatalog catalog;
    private final EventRecorder recorder;
    private final SyscallEvent current;
    private final List<AutoCloseable> resources;
    private long backoffNanos;
    private boolean closed;
    /** The counters as they were at close: the info pages are unmapped then and must not be read. */
    private DropCounters finalCounters;

    KmodCapture(RingMerge merge, SyscallState state, SyscallEventTypeCatalog catalog, EventRecorder recorder,
                List<? extends AutoCloseable> resources) {
        this.merge = merge;
        this.state = state;
        this.catalog = catalog;
        this.recorder = recorder;
        this.current = new SyscallEvent(state);
        this.resources = List.copyOf(resources);
    }

    /**
     * The stream over devices already opened and capturing; takes them over (closing the stream closes them).
     */
    public static KmodCapture over(KmodDevices devices, SyscallState state, SyscallEventTypeCatalog catalog,
                                   EventRecorder recorder) {
        return new KmodCapture(new RingMerge(devices.rings()), state, catalog, recorder, List.of(devices));
    }

    /** Fails with the message users see when the module's first device does not exist. */
    public static void requireLoaded(Path deviceDir, String deviceName) throws PluginException {
        Path first = deviceDir.resolve(deviceName + "0");
        if (!Files.exists(first)) {
            throw new PluginException("no " + first + ": the Falco kernel module is not loaded");
        }
    }

    /**
     * A capture over ring buffers laid out in regular files, one per CPU: the info page (one 4 KiB page)
     * followed by {@code bufferBytes} of data, mapped once (events that wrap are copied).
     */
    public static KmodCapture overRingFiles(List<Path> files, int bufferBytes, EventTable table, SyscallState state,
                                            SyscallEventTypeCatalog catalog, EventRecorder recorder)
            throws IOException {
        List<DeviceRing> rings = new ArrayList<>();
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (int cpu = 0; cpu < files.size(); cpu++) {
                FileChannel channel = FileChannel.open(files.get(cpu), StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                channels.add(channel);
                MappedByteBuffer info = channel.map(FileChannel.MapMode.READ_WRITE, 0, PAGE);
                MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, PAGE, bufferBytes);
                rings.add(new DeviceRing(cpu, info, data, table));
            }
        } catch (IOException | RuntimeException e) {
            for (FileChannel c : channels) {
                c.close();
            }
            throw e;
        }
        return new KmodCapture(new RingMerge(rings), state, catalog, recorder, channels);
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        if (closed) {
            return BatchStatus.EOF;
        }
        try {
            while (true) {
                EventView event = merge.next();
                if (event == null) {
                    backOff();
                    return BatchStatus.TIMEOUT;
                }
                backoffNanos = 0;
                recorder.record(event);
                state.apply(event);
                if (catalog.isEvaluated(event.type())) {
                    batch.add(current.wrap(event));
                    return BatchStatus.SUCCESS;
                }
            }
        } catch (IOException e) {
            throw new PluginException("cannot write capture " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new PluginException(e.getMessage());
        }
    }

    /** Sleeps a little longer each time all rings are empty, as libscap does, up to 32 ms. */
    private void backOff() {
        backoffNanos = backoffNanos == 0 ? 500_000L : Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
        java.util.concurrent.locks.LockSupport.parkNanos(backoffNanos);
    }

    /** Counters of all rings added up (what {@code syscall_event_drops} checks). */
    public synchronized DropCounters counters() {
        return finalCounters != null ? finalCounters : merge.counters();
    }

    /** The state the capture maintains. */
    public SyscallState state() {
        return state;
    }

    @Override
    public String progressText() {
        return "kmod " + merge.ringCount() + " rings";
    }

    @Override
    public long driverDrops() {
        return counters().totalDrops();
    }

    @Override
    public java.util.Map<String, Long> driverCounters() {
        return counters().byStatName();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        finalCounters = merge.counters();
        try {
            recorder.close();
        } catch (IOException e) {
            // the capture is being torn down; nothing else can be done with the file
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // teardown: the devices or files are released as far as the system lets us
            }
        }
    }
}
