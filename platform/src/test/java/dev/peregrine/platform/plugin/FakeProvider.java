package dev.peregrine.platform.plugin;

import dev.peregrine.api.FalcoPlugin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Provides in-memory plugins by library path. */
final class FakeProvider implements PluginProvider {

    final Map<String, FalcoPlugin> byPath = new LinkedHashMap<>();
    FalcoPlugin syscall;

    FakeProvider with(String path, FalcoPlugin plugin) {
        byPath.put(path, plugin);
        return this;
    }

    @Override
    public FalcoPlugin provide(PluginConfig config) throws PluginLoadException {
        FalcoPlugin plugin = byPath.get(config.libraryPath());
        if (plugin == null) {
            throw new PluginLoadException("cannot load plugin " + config.libraryPath() + ": No such file or directory");
        }
        return plugin;
    }

    @Override
    public Optional<FalcoPlugin> syscall() {
        return Optional.ofNullable(syscall);
    }
}
