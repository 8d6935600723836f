package dev.peregrine.platform.plugin;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.platform.version.SemanticVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin that passed the load-time checks, with what the host read from it once.
 *
 * @param config         the configuration entry (synthesised for the built-in syscall source)
 * @param plugin         the extension
 * @param info           its identity
 * @param version        its parsed version
 * @param fields         its field table (empty for pure sources)
 * @param extractSources sources its fields apply to, as the plugin declared them
 * @param initSchema     its init_config JSON schema, if any
 */
public record RegisteredPlugin(
        PluginConfig config,
        FalcoPlugin plugin,
        PluginInfo info,
        SemanticVersion version,
        List<FieldSpec> fields,
        Set<String> extractSources,
        Optional<String> initSchema) {

    public RegisteredPlugin {
        fields = List.copyOf(fields);
        extractSources = Set.copyOf(extractSources);
    }

    public String name() {
        return info.name();
    }

    /** Falco's CAP_SOURCING. */
    public boolean sourcesEvents() {
        return info.sourcesEvents();
    }

    /** Falco's CAP_EXTRACTION. */
    public boolean extractsFields() {
        return !fields.isEmpty();
    }

    /**
     * Whether this plugin's fields apply to {@code source} (§5): a declared list decides; without
     * one, a sourcing plugin extracts from its own source only, a pure extractor from every source.
     */
    public boolean extractsFrom(String source) {
        if (!extractsFields()) {
            return false;
        }
        if (!extractSources.isEmpty()) {
            return extractSources.contains(source);
        }
        return sourcesEvents() ? info.eventSource().equals(source) : true;
    }
}
