package dev.peregrine.platform.plugin;

import dev.peregrine.api.PluginInstance;

/**
 * An enabled event source and the plugin state that opens it.
 *
 * @param source     the source name
 * @param pluginName the first loaded plugin providing it
 * @param pluginId   that plugin's ID (0 for syscall)
 * @param instance   the plugin state initialised for this source
 * @param openParams {@code open_params} of the plugin's configuration
 */
public record SourceBinding(String source, String pluginName, int pluginId, PluginInstance instance, String openParams) {
}
