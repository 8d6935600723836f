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
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.field.FieldArguments;
import dev.peregrine.plugin.syscall.field.PendingExtractionHandle;
import dev.peregrine.plugin.syscall.field.SyscallFieldCatalog;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code syscall} event source: its event types and libsinsp's field table. Capture replay,
 * live capture and field extraction arrive later; fields bind so rules compile.
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
        return new Instance(fields);
    }

    /** A syscall plugin state: binds fields, cannot open a source yet. */
    private record Instance(List<FieldSpec> fields) implements PluginInstance {

        @Override
        public EventStream open(String openParams) throws PluginException {
            throw new PluginException("syscall event source: capture replay/live capture not implemented yet");
        }

        @Override
        public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
            FieldArguments.check(fields, field, argument);
            return new PendingExtractionHandle(field.name());
        }
    }
}
