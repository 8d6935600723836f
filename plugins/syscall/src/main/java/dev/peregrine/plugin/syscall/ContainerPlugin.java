package dev.peregrine.plugin.syscall;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.plugin.syscall.field.FieldArguments;
import dev.peregrine.plugin.syscall.field.ContainerFields;
import dev.peregrine.plugin.syscall.field.SyscallFieldCatalog;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The {@code container} extractor for syscall events ({@code container.*}, {@code k8s.pod.*},
 * {@code k8s.ns.name}), which upstream {@code falco_rules.yaml} requires at version 0.4.0 or later.
 * Extraction reads the state the syscall source sends with each event (cgroups and container events of
 * the capture); fields without extraction yet fail loudly when used.
 */
@Extension
public final class ContainerPlugin implements FalcoPlugin {

    /** Plugin name. */
    public static final String NAME = "container";

    private final PluginInfo info = PluginInfo.extractor(NAME, "0.5.0",
            "Container and Kubernetes pod metadata for syscall events", "https://peregrine.dev");
    private final List<FieldSpec> fields = SyscallFieldCatalog.load().containerFields();

    @Override
    public PluginInfo info() {
        return info;
    }

    @Override
    public List<FieldSpec> fields() {
        return fields;
    }

    @Override
    public Set<String> extractEventSources() {
        return Set.of(SyscallPlugin.SOURCE);
    }

    @Override
    public PluginInstance init(PluginContext context, String initConfig) {
        return new Instance(fields, new ContainerFields());
    }

    /** A container plugin state: binds fields only. */
    private record Instance(List<FieldSpec> fields, ContainerFields extraction) implements PluginInstance {

        @Override
        public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
            FieldArguments.check(fields, field, argument);
            return extraction.bind(field, argument);
        }
    }
}
