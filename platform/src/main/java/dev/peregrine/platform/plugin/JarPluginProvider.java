package dev.peregrine.platform.plugin;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.PluginInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/**
 * Loads plugin jars with PF4J, each in its own {@link ApiOnlyClassLoader}, and maps configuration
 * entries to their {@link FalcoPlugin} extensions.
 *
 * <p>{@code library_path} may name a jar (absolute, or relative to the plugins directory) or an
 * upstream {@code libNAME.so}; the latter maps to the installed plugin called like the entry (or
 * NAME), so falco.yaml files written for Falco work unchanged.
 */
public final class JarPluginProvider implements PluginProvider {

    private final Path pluginsDir;
    private final PluginManager manager;
    private final Map<Path, Map<String, FalcoPlugin>> jars = new HashMap<>();
    private boolean scanned;

    public JarPluginProvider(Path pluginsDir) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        this.manager = new ApiOnlyPluginManager(this.pluginsDir);
    }

    /** The directory relative library paths resolve under. */
    public Path pluginsDir() {
        return pluginsDir;
    }

    @Override
    public FalcoPlugin provide(PluginConfig config) throws PluginLoadException {
        String libraryPath = config.libraryPath();
        Path given = Path.of(libraryPath);
        Path resolved = given.isAbsolute() ? given.normalize() : pluginsDir.resolve(given).normalize();
        if (!given.isAbsolute() && !resolved.startsWith(pluginsDir)) {
            throw new PluginLoadException("plugin library_path '" + libraryPath
                    + "' resolves outside the plugins directory (" + pluginsDir + ")");
        }
        if (libraryPath.endsWith(".jar")) {
            if (!Files.isRegularFile(resolved)) {
                throw missing(resolved);
            }
            Map<String, FalcoPlugin> extensions = load(resolved);
            FalcoPlugin named = extensions.get(config.name());
            return named != null ? named : extensions.values().iterator().next();
        }
        String fileName = given.getFileName() == null ? libraryPath : given.getFileName().toString();
        Optional<FalcoPlugin> bundled = bundled(config.name());
        if (bundled.isEmpty()) {
            bundled = bundled(upstreamName(fileName));
        }
        if (bundled.isEmpty() && Files.exists(resolved)) {
            throw new PluginLoadException("cannot load plugin " + resolved + ": native plugin libraries cannot be loaded"
                    + " and no installed plugin is named '" + config.name() + "'");
        }
        return bundled.orElseThrow(() -> missing(resolved));
    }

    @Override
    public Optional<FalcoPlugin> syscall() throws PluginLoadException {
        Optional<FalcoPlugin> direct = fromJarNamed("syscall", info -> "syscall".equals(info.eventSource()));
        if (direct.isPresent()) {
            return direct;
        }
        scanAll();
        for (Map<String, FalcoPlugin> extensions : jars.values()) {
            for (FalcoPlugin plugin : extensions.values()) {
                if ("syscall".equals(PluginCalls.info(plugin).eventSource())) {
                    return Optional.of(plugin);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code libcloudtrail.so} → {@code cloudtrail}. */
    static String upstreamName(String fileName) {
        String name = fileName;
        if (name.startsWith("lib")) {
            name = name.substring(3);
        }
        int dot = name.indexOf(".so");
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private Optional<FalcoPlugin> bundled(String name) throws PluginLoadException {
        Optional<FalcoPlugin> direct = fromJarNamed(name, info -> name.equals(info.name()));
        if (direct.isPresent()) {
            return direct;
        }
        scanAll();
        for (Map<String, FalcoPlugin> extensions : jars.values()) {
            FalcoPlugin plugin = extensions.get(name);
            if (plugin != null) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    private Optional<FalcoPlugin> fromJarNamed(String jarBaseName, Predicate<PluginInfo> wanted)
            throws PluginLoadException {
        Path jar = pluginsDir.resolve(jarBaseName + ".jar");
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        for (FalcoPlugin plugin : load(jar).values()) {
            if (wanted.test(PluginCalls.info(plugin))) {
                return Optional.of(plugin);
            }
        }
        return Optional.empty();
    }

    // A jar that cannot be loaded during a scan is not the one we look for; it is reported when a
    // configuration entry names it directly.
    private void scanAll() {
        if (scanned) {
            return;
        }
        scanned = true;
        if (!Files.isDirectory(pluginsDir)) {
            return;
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(pluginsDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(candidates::add);
        } catch (IOException e) {
            return;
        }
        for (Path jar : candidates) {
            try {
                load(jar);
            } catch (PluginLoadException unusable) {
                // skipped, see above
            }
        }
    }

    private Map<String, FalcoPlugin> load(Path jar) throws PluginLoadException {
        Path key;
        try {
            key = jar.toRealPath();
        } catch (IOException e) {
            throw missing(jar);
        }
        Map<String, FalcoPlugin> cached = jars.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, FalcoPlugin> extensions = new LinkedHashMap<>();
        try {
            String pluginId = manager.loadPlugin(key);
            manager.startPlugin(pluginId);
            for (FalcoPlugin plugin : manager.getExtensions(FalcoPlugin.class, pluginId)) {
                extensions.putIfAbsent(PluginCalls.info(plugin).name(), plugin);
            }
        } catch (PluginLoadException e) {
            throw new PluginLoadException("cannot load plugin " + jar + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException("cannot load plugin " + jar + ": " + describe(e), e);
        }
        if (extensions.isEmpty()) {
            throw new PluginLoadException("cannot load plugin " + jar
                    + ": the jar contains no dev.peregrine.api.FalcoPlugin extension");
        }
        jars.put(key, extensions);
        return extensions;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    private static PluginLoadException missing(Path path) {
        return new PluginLoadException("cannot load plugin " + path + ": " + path
                + ": cannot open plugin file: No such file or directory");
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    /** PF4J's jar manager with our isolating class loader. */
    private static final class ApiOnlyPluginManager extends JarPluginManager {
        ApiOnlyPluginManager(Path pluginsDir) {
            super(pluginsDir);
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new JarPluginLoader(this) {
                @Override
                public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                    ApiOnlyClassLoader loader = new ApiOnlyClassLoader(pluginManager, descriptor,
                            JarPluginProvider.class.getClassLoader());
                    loader.addFile(pluginPath.toFile());
                    return loader;
                }
            };
        }
    }
}
