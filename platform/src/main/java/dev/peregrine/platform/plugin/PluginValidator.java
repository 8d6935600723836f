package dev.peregrine.platform.plugin;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.HostApi;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.platform.version.SemanticVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The load-time checks libsinsp applies to a plugin before it may be used, with its messages. */
final class PluginValidator {

    private static final Set<FieldType> PLUGIN_TYPES = java.util.EnumSet.of(FieldType.STRING, FieldType.UINT64,
            FieldType.BOOL, FieldType.RELTIME, FieldType.ABSTIME, FieldType.IPADDR, FieldType.IPNET);

    private static final SemanticVersion HOST_API = SemanticVersion.parse(HostApi.VERSION).orElseThrow();

    private PluginValidator() {
    }

    static RegisteredPlugin validate(PluginConfig config, FalcoPlugin plugin) throws PluginLoadException {
        PluginInfo info = PluginCalls.info(plugin);
        String required = info.requiredApiVersion();
        SemanticVersion requiredApi = SemanticVersion.parse(required).orElseThrow(() ->
                new PluginLoadException("plugin provided an invalid required API version: '" + required + "'"));
        Optional<String> incompatibility = HOST_API.apiIncompatibility(requiredApi);
        if (incompatibility.isPresent()) {
            throw new PluginLoadException("plugin required API version '" + required
                    + "' not compatible with the framework's API version '" + HostApi.VERSION + "': "
                    + incompatibility.get());
        }
        String name = info.name();
        SemanticVersion version = SemanticVersion.parse(info.version()).orElseThrow(() ->
                new PluginLoadException("plugin provided an invalid version string: '" + info.version() + "'"));
        // The built-in syscall source has no ID (as in Falco); every other source needs both.
        boolean hasId = info.id() != 0;
        boolean hasSource = info.sourcesEvents();
        if (hasId != hasSource && !(hasSource && "syscall".equals(info.eventSource()))) {
            throw new PluginLoadException("error in plugin " + name
                    + ": must implement both 'plugin_get_id' and 'plugin_get_event_source' or neither");
        }
        List<FieldSpec> fields = PluginCalls.guarded(name, plugin::fields);
        fields = fields == null ? List.of() : fields;
        for (FieldSpec field : fields) {
            if (field.name().isEmpty()) {
                throw new PluginLoadException("error in plugin " + name + ": field JSON entry has no name");
            }
            if (field.description().isEmpty()) {
                throw new PluginLoadException("error in plugin " + name + ": field JSON entry has no desc");
            }
            // Plugin fields are limited to the plugin API's types; only the built-in syscall
            // source (libsinsp's own fields in Falco) uses the full set.
            if (!"syscall".equals(info.eventSource()) && !PLUGIN_TYPES.contains(field.type())) {
                throw new PluginLoadException("error in plugin " + name + ": invalid field type "
                        + field.type().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (!hasSource && fields.isEmpty()) {
            throw new PluginLoadException("error in plugin " + name + ": plugin does not implement any capability");
        }
        Set<String> extractSources = PluginCalls.guarded(name, plugin::extractEventSources);
        Optional<String> schema = PluginCalls.guarded(name, plugin::initSchema);
        return new RegisteredPlugin(config, plugin, info, version, fields,
                extractSources == null ? Set.of() : extractSources,
                schema == null ? Optional.empty() : schema);
    }
}
