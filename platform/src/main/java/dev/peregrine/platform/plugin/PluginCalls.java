package dev.peregrine.platform.plugin;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.PluginInfo;
import java.util.function.Supplier;

/**
 * Calls into plugin code that must not take the host down: an unexpected exception becomes a
 * {@link PluginLoadException} naming the plugin.
 */
final class PluginCalls {

    private PluginCalls() {
    }

    /** The plugin's info, checked for presence. */
    static PluginInfo info(FalcoPlugin plugin) throws PluginLoadException {
        PluginInfo info;
        try {
            info = plugin.info();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException("plugin " + plugin.getClass().getName()
                    + " failed to describe itself: " + describe(e), e);
        }
        if (info == null) {
            throw new PluginLoadException("plugin " + plugin.getClass().getName() + " returned no plugin info");
        }
        return info;
    }

    /** Runs {@code call}, reporting a failure as {@code plugin '<name>' failed: <reason>}. */
    static <T> T guarded(String pluginName, Supplier<T> call) throws PluginLoadException {
        try {
            return call.get();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException("plugin '" + pluginName + "' failed: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message;
    }
}
