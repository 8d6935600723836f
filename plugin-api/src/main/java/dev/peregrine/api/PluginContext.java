package dev.peregrine.api;

/** Services the host offers to a plugin state. */
public interface PluginContext {

    /** Where the plugin writes its log lines; the host prefixes them with the plugin name. */
    PluginLogger logger();

    /** Host name as the platform reports it in alerts. */
    default String hostName() {
        return "";
    }
}
