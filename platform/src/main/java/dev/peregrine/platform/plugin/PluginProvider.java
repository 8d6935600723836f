package dev.peregrine.platform.plugin;

import dev.peregrine.api.FalcoPlugin;
import java.util.Optional;

/** Finds the plugin a configuration entry names, e.g. in jars ({@link JarPluginProvider}). */
public interface PluginProvider extends AutoCloseable {

    /**
     * The plugin {@code config} selects.
     *
     * @throws PluginLoadException with Falco's text, e.g. {@code cannot load plugin <p>: ... No such file or directory}
     */
    FalcoPlugin provide(PluginConfig config) throws PluginLoadException;

    /** The installed plugin that provides Falco's built-in {@code syscall} source, if any. */
    Optional<FalcoPlugin> syscall() throws PluginLoadException;

    @Override
    default void close() {
    }
}
