package dev.peregrine.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A Falco-style plugin: an event source, a field extractor, or both.
 *
 * <p>Capabilities are detected as in Falco: the plugin sources events when {@link PluginInfo}
 * names an event source, and extracts fields when {@link #fields()} is non-empty. A plugin with
 * neither capability is rejected by the host.
 */
public interface FalcoPlugin extends ExtensionPoint {

    /** Identity and version information; must be cheap and constant. */
    PluginInfo info();

    /**
     * The fields this plugin extracts, in a stable order (a field's index in this list is its id).
     * Empty for plugins that only source events.
     */
    default List<FieldSpec> fields() {
        return List.of();
    }

    /**
     * The event sources whose events this plugin's fields apply to. Empty means: the plugin's own
     * source if it sources events, otherwise every source (as the {@code json} plugin does).
     */
    default Set<String> extractEventSources() {
        return Set.of();
    }

    /** Event-type names the plugin's source knows (for {@code evt.type} checks and indexing). */
    default Optional<EventTypeCatalog> eventTypes() {
        return Optional.empty();
    }

    /** A JSON Schema (draft 4+) for {@code init_config}, if the plugin publishes one. */
    default Optional<String> initSchema() {
        return Optional.empty();
    }

    /**
     * Creates one plugin state. The host calls this once per event source the plugin serves.
     *
     * @param context    host services (logging)
     * @param initConfig the {@code init_config} value as a JSON/plain string; empty when absent,
     *                   {@code "{}"} when empty and the plugin publishes a schema
     * @throws PluginException with a user-facing reason when the configuration is unusable
     */
    PluginInstance init(PluginContext context, String initConfig) throws PluginException;
}
