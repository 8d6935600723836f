package dev.peregrine.plugin.syscall;

import dev.peregrine.api.EventStream;
import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.plugin.syscall.bpf.ProbeSettings;
import dev.peregrine.plugin.syscall.capture.CaptureException;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.CaptureReader;
import dev.peregrine.plugin.syscall.capture.CaptureWriter;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.ConversionTable;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.kmod.KmodCapture;
import dev.peregrine.plugin.syscall.kmod.KmodDevices;
import dev.peregrine.plugin.syscall.kmod.KmodSettings;
import dev.peregrine.plugin.syscall.live.InterestingSyscalls;
import dev.peregrine.plugin.syscall.procfs.ProcScanner;
import dev.peregrine.plugin.syscall.replay.CaptureReplay;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.nio.file.Path;
import dev.peregrine.plugin.syscall.field.FieldArguments;
import dev.peregrine.plugin.syscall.live.LiveEngine;
import dev.peregrine.plugin.syscall.field.SyscallFields;
import dev.peregrine.plugin.syscall.field.SyscallFieldCatalog;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code syscall} event source: its event types, libsinsp's field table, capture replay and the
 * live engines. The open parameter is a capture file or a JSON object ({@link SyscallOpenParams}) that
 * the platform builds from {@code engine.*}.
 */
@Extension
public final class SyscallPlugin implements FalcoPlugin {

    /** Plugin name. */
    public static final String NAME = "syscall";
    /** Event source name. */
    public static final String SOURCE = "syscall";

    private final PluginInfo info = PluginInfo.source(NAME, "0.1.0",
            "Linux system calls from capture files and kernel drivers", "https://peregrine.dev", 0, SOURCE);
    private final List<FieldSpec> fields = SyscallFieldCatalog.load().syscallFields();
    private final SyscallEventTypeCatalog eventTypes = SyscallEventTypeCatalog.standard();

    @Override
    public PluginInfo info() {
        return info;
    }

    @Override
    public List<FieldSpec> fields() {
        return fields;
    }

    @Override
    public Optional<EventTypeCatalog> eventTypes() {
        return Optional.of(eventTypes);
    }

    @Override
    public PluginInstance init(PluginContext context, String initConfig) {
        PluginLogger log = context == null ? (level, message) -> { } : context.logger();
        return new Instance(fields, eventTypes, log, new SyscallFields());
    }

    /** A syscall plugin state: replays one capture and extracts fields from the state it rebuilds. */
    private record Instance(List<FieldSpec> fields, SyscallEventTypeCatalog eventTypes, PluginLogger log,
                            SyscallFields extraction) implements PluginInstance {

        @Override
        public EventStream open(String openParams) throws PluginException {
            if (openParams.isEmpty()) {
                throw new PluginException("syscall event source: no engine given; use engine.kind=modern_ebpf, "
                        + "kmod, or replay with engine.replay.capture_file");
            }
            SyscallOpenParams params = SyscallOpenParams.parse(openParams);
            return switch (params.engine()) {
                case REPLAY -> replay(params);
                case MODERN_EBPF -> LiveEngine.open(params, eventTypes, log);
                case KMOD -> kmod(params);
            };
        }

        private EventStream kmod(SyscallOpenParams params) throws PluginException {
            Path deviceDir = Path.of(params.deviceDir());
            // Fail fast on hosts without the module (the common case).
            KmodCapture.requireLoaded(deviceDir, params.deviceName());
            EventTable table = EventTable.standard();
            InterestingSyscalls.Selection syscalls = InterestingSyscalls.select(table, eventTypes, params.syscalls());
            syscalls.warnings().forEach(log::warning);
            syscalls.notes().forEach(log::debug);
            KmodSettings settings = new KmodSettings(deviceDir, params.deviceName(), Path.of("/sys/module"),
                    params.bufferBytes(), ProbeSettings.DEFAULT_SNAPLEN, params.dropFailedExit(), syscalls.names(),
                    syscalls.natives());
            // Capturing starts before /proc is read, as with modern_ebpf: nothing born meanwhile is missed.
            KmodDevices devices = KmodDevices.open(settings);
            EventRecorder recorder = EventRecorder.NONE;
            try {
                CaptureMetadata scanned = ProcScanner.scan(Path.of("/proc"));
                SyscallState state = new SyscallState(table, scanned);
                if (!params.writeFile().isEmpty()) {
                    recorder = CaptureWriter.forLive(Path.of(params.writeFile()), scanned);
                }
                log.info("kmod: " + devices.count() + " devices of " + (params.bufferBytes() >> 20) + " MiB, "
                        + syscalls.names().size() + " syscalls captured, " + scanned.processes().size()
                        + " threads from /proc");
                return KmodCapture.over(devices, state, eventTypes, recorder);
            } catch (CaptureException e) {
                devices.close();
                throw new PluginException("cannot write capture " + e.getMessage());
            } catch (java.nio.file.InvalidPathException e) {
                devices.close();
                throw new PluginException("cannot write capture " + params.writeFile() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                devices.close();
                throw e;
            }
        }

        private EventStream replay(SyscallOpenParams params) throws PluginException {
            EventTable table = EventTable.standard();
            CaptureReader reader;
            try {
                reader = CaptureReader.open(Path.of(params.captureFile()), table, log::warning);
            } catch (CaptureException e) {
                throw new PluginException("cannot open capture " + e.getMessage());
            } catch (java.nio.file.InvalidPathException e) {
                throw new PluginException("cannot open capture " + params.captureFile() + ": " + e.getMessage());
            }
            SyscallState state = new SyscallState(table, reader.metadata());
            EventRecorder recorder = EventRecorder.NONE;
            if (!params.writeFile().isEmpty()) {
                try {
                    recorder = CaptureWriter.open(Path.of(params.writeFile()), reader.metadata());
                } catch (CaptureException e) {
                    reader.close();
                    throw new PluginException("cannot write capture " + e.getMessage());
                } catch (java.nio.file.InvalidPathException e) {
                    reader.close();
                    throw new PluginException("cannot write capture " + params.writeFile() + ": " + e.getMessage());
                }
            }
            return new CaptureReplay(reader, new EventConverter(table, ConversionTable.standard()), state, eventTypes,
                    recorder);
        }

        @Override
        public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
            FieldArguments.check(fields, field, argument);
            return extraction.bind(field, argument);
        }
    }
}
