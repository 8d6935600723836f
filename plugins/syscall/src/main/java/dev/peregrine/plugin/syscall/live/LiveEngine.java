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
import dev.peregrine.plugin.syscall.capture.CaptureException;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.CaptureWriter;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.procfs.ProcScanner;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.nio.file.Path;

/**
 * Starts the {@code modern_ebpf} engine: loads our probe and wraps its rings in a {@link LiveCapture} (one
 * ring) or a {@link PartitionedLiveCapture} (one partition per ring, read by one host thread each).
 */
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
            if (partitions > 1 && !params.writeFile().isEmpty()) {
                // a capture file is one time-ordered stream: recording keeps to one ring, merged on one thread
                log.info("modern_ebpf: writing a capture file, so reading with 1 ring buffer instead of " + partitions);
                partitions = 1;
            }
            long bootTime = lib.bootTimeNanos();
            ProbeSettings settings = new ProbeSettings(partitions, params.bufferBytes(), lib.getpid(),
                    params.dropFailedExit(), ProbeSettings.DEFAULT_SNAPLEN, bootTime);
            InterestingSyscalls.Selection syscalls = InterestingSyscalls.select(EventTable.standard(), catalog,
                    params.syscalls());
            syscalls.warnings().forEach(log::warning);
            syscalls.notes().forEach(log::debug);
            BpfProbe probe = BpfProbe.open(lib, object, settings, syscalls.natives());
            // The probe is attached before /proc is read: a process born during the scan is then seen
            // by one or both, never by neither (the state takes a clone of a known thread as an update).
            CaptureMetadata initial = ProcScanner.scan(Path.of("/proc"));
            EventTable table = EventTable.standard();
            DriverCounters counters = new DriverCounters() {
                @Override
                public long drops() {
                    return read().total();
                }

                @Override
                public java.util.Map<String, Long> byStatName() {
                    return read().byStatName();
                }

                private dev.peregrine.plugin.syscall.bpf.DropCounters read() {
                    try {
                        return probe.drops();
                    } catch (BpfException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            };
            EventRecorder recorder = EventRecorder.NONE;
            if (!params.writeFile().isEmpty()) {
                try {
                    recorder = CaptureWriter.forLive(Path.of(params.writeFile()), initial);
                } catch (CaptureException e) {
                    probe.close();
                    throw new PluginException("cannot write capture " + e.getMessage());
                }
            }
            log.info("modern_ebpf: probe attached, " + partitions + " ring buffer" + (partitions == 1 ? "" : "s")
                    + " of " + (params.bufferBytes() >> 20) + " MiB, " + syscalls.names().size() + " syscalls captured, "
                    + initial.processes().size()
                    + " threads from /proc");
            if (partitions == 1) {
                return new LiveCapture(new RingMerger(probe.rings()), counters, probe, table,
                        new SyscallState(table, initial), catalog, recorder, log);
            }
            return new PartitionedLiveCapture(probe.rings(), counters, probe, table,
                    new SyscallState(table, initial, partitions), catalog, log);
        } catch (BpfException e) {
            throw new PluginException("cannot open the modern_ebpf engine: " + e.getMessage());
        }
    }
}
