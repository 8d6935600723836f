package dev.peregrine.plugin.syscall.live;

import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.plugin.syscall.SyscallOpenParams;
import dev.peregrine.plugin.syscall.bpf.BpfException;
import dev.peregrine.plugin.syscall.bpf.BpfProbe;
import dev.peregrine.plugin.syscall.bpf.Libbpf;
import dev.peregrine.plugin.syscall.bpf.ProbeSettings;
import dev.peregrine.plugin.syscall.bpf.RingMerger;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallState;

/** Starts the {@code modern_ebpf} engine: loads our probe and wraps its rings in a {@link LiveCapture}. */
public final class LiveEngine {

    private LiveEngine() {
    }

    /**
     * Loads and attaches the probe bundled in the plugin jar and returns the stream reading it.
     *
     * @throws PluginException with a sentence when privileges, BTF, libbpf or the probe are missing
     */
    public static EventStream open(SyscallOpenParams params, SyscallEventTypeCatalog catalog, PluginLogger log)
            throws PluginException {
        try {
            byte[] object = BpfProbe.bundledObject(LiveEngine.class.getClassLoader());
            Libbpf lib = Libbpf.load();
            int partitions = params.buffers() == 0 ? lib.onlineCpus() : params.buffers();
            long bootTime = lib.bootTimeNanos();
            ProbeSettings settings = new ProbeSettings(partitions, params.bufferBytes(), lib.getpid(),
                    params.dropFailedExit(), ProbeSettings.DEFAULT_SNAPLEN, bootTime);
            // Initial state: the /proc scan replaces this when it lands (procwrite).
            CaptureMetadata initial = HostSnapshot.machineOnly(lib.onlineCpus(), bootTime);
            BpfProbe probe = BpfProbe.open(lib, object, settings);
            EventTable table = EventTable.standard();
            DriverCounters counters = () -> {
                try {
                    return probe.drops().total();
                } catch (BpfException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            };
            if (!params.writeFile().isEmpty()) {
                // Seam for the capture writer (procwrite): it becomes the EventRecorder below.
                log.warning("modern_ebpf: capture writing is not available yet; " + params.writeFile() + " is not written");
            }
            log.info("modern_ebpf: probe attached, " + partitions + " ring buffer" + (partitions == 1 ? "" : "s")
                    + " of " + (params.bufferBytes() >> 20) + " MiB");
            return new LiveCapture(new RingMerger(probe.rings()), counters, probe, table,
                    new SyscallState(table, initial), catalog, EventRecorder.NONE, log);
        } catch (BpfException e) {
            throw new PluginException("cannot open the modern_ebpf engine: " + e.getMessage());
        }
    }
}
