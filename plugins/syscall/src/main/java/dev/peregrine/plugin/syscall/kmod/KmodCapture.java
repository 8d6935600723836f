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
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
 * <p>Only the consumer is exercised: this project's machines have no module support, so the rings are
 * tested laid out in memory-mapped regular files ({@link #overRingFiles}). Mapping the real devices
 * needs a native {@code mmap} (the JDK cannot map character devices) and the version ioctls; opening
 * real devices therefore stops with a message saying so.
 */
public final class KmodCapture implements EventStream {

    private static final int PAGE = 4096;
    private static final long MAX_BACKOFF_NANOS = 32_000_000L;

    private final RingMerge merge;
    private final SyscallState state;
    private final SyscallEventTypeCatalog catalog;
    private final EventRecorder recorder;
    private final SyscallEvent current;
    private final List<FileChannel> channels;
    private long backoffNanos;
    private boolean closed;

    KmodCapture(RingMerge merge, SyscallState state, SyscallEventTypeCatalog catalog, EventRecorder recorder,
                List<FileChannel> channels) {
        this.merge = merge;
        this.state = state;
        this.catalog = catalog;
        this.recorder = recorder;
        this.current = new SyscallEvent(state);
        this.channels = List.copyOf(channels);
    }

    /**
     * Opens the module's devices {@code <deviceDir>/<deviceName>0 ...}.
     *
     * @throws PluginException with a sentence when the module is not loaded, a device is busy or the
     *         devices cannot be mapped from Java
     */
    public static KmodCapture open(Path deviceDir, String deviceName, SyscallState state,
                                   SyscallEventTypeCatalog catalog, EventRecorder recorder) throws PluginException {
        requireLoaded(deviceDir, deviceName);
        List<Path> devices = new ArrayList<>();
        for (int cpu = 0; Files.exists(deviceDir.resolve(deviceName + cpu)); cpu++) {
            Path device = deviceDir.resolve(deviceName + cpu);
            try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                devices.add(device);
            } catch (AccessDeniedException e) {
                throw new PluginException("cannot open " + device + ": permission denied; the kmod engine needs root");
            } catch (FileSystemException e) {
                String reason = String.valueOf(e.getReason());
                if (reason.contains("No such device")) {
                    continue; // an offline CPU: libscap skips it too
                }
                if (reason.contains("busy")) {
                    throw new PluginException("cannot open " + device + ": device busy; the kernel module's "
                            + "max_consumers limit is reached (is another Falco or sysdig running?)");
                }
                throw new PluginException("cannot open " + device + ": " + reason);
            } catch (IOException e) {
                throw new PluginException("cannot open " + device + ": " + e.getMessage());
            }
        }
        throw new PluginException("found " + devices.size() + " kernel module devices " + deviceName + "N in "
                + deviceDir + ", but mapping them needs a native mmap and the API/schema version ioctls, which this "
                + "build does not have yet; use engine.kind=modern_ebpf");
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
    public DropCounters counters() {
        return merge.counters();
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
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.close();
        } catch (IOException e) {
            // the capture is being torn down; nothing else can be done with the file
        }
        for (FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // unmapping happens with the buffers; closing the descriptor cannot fail meaningfully
            }
        }
    }
}
