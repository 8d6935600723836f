package dev.peregrine.platform.plugin;

import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.field.FieldProvider;
import dev.peregrine.platform.field.HostFields;
import dev.peregrine.platform.field.PluginFieldCatalog;
import dev.peregrine.platform.rules.collect.PluginRequirement;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the configured plugins, checks them as Falco does, initialises one plugin state per event
 * source each plugin serves, and builds the field catalogue of every loaded source.
 *
 * <p>Use: {@link #register} (enough for {@code --list-plugins}), then {@link #initialise}; or
 * {@link #load} for both. Every failure is a {@link PluginLoadException} with Falco's message.
 */
public final class PluginHost implements AutoCloseable {

    /** The configuration name of the built-in syscall source's plugin. */
    public static final String SYSCALL = "syscall";

    private final PluginProvider provider;
    private final HostOptions options;
    private final List<RegisteredPlugin> configured = new ArrayList<>();
    private RegisteredPlugin syscall;
    private final List<String> loadedSources = new ArrayList<>();
    private final List<String> enabledSources = new ArrayList<>();
    private final Map<String, PluginFieldCatalog> catalogs = new LinkedHashMap<>();
    private final Map<String, SourceBinding> bindings = new LinkedHashMap<>();
    private final List<PluginInstance> instances = new ArrayList<>();

    public PluginHost(PluginProvider provider, HostOptions options) {
        this.provider = provider;
        this.options = options;
    }

    /** A host loading jars from {@code pluginsDir}. */
    public static PluginHost forDirectory(Path pluginsDir, HostOptions options) {
        return new PluginHost(new JarPluginProvider(pluginsDir), options);
    }

    /** {@link #register} then {@link #initialise}. */
    public void load(List<PluginConfig> configs) throws PluginLoadException {
        register(configs);
        initialise();
    }

    /**
     * Loads the plugins of {@code configs} (in order) plus the built-in syscall source when it is
     * wanted and installed, with the load-time checks: API version, versions, IDs, names,
     * capabilities, field tables. Plugins are not initialised.
     *
     * @return the configured plugins (without the implicit syscall one)
     */
    public List<RegisteredPlugin> register(List<PluginConfig> configs) throws PluginLoadException {
        if (options.syscallWanted()) {
            Optional<dev.peregrine.api.FalcoPlugin> builtin = provider.syscall();
            if (builtin.isPresent()) {
                syscall = PluginValidator.validate(new PluginConfig(SYSCALL, "", "", options.syscallOpenParams()),
                        builtin.get());
            }
        }
        for (PluginConfig config : configs) {
            options.log().log(PluginLogger.Level.INFO,
                    "Loading plugin '" + config.name() + "' from file " + config.libraryPath());
            dev.peregrine.api.FalcoPlugin extension = provider.provide(config);
            if (syscall != null && extension == syscall.plugin()) {
                // The built-in source configured explicitly: its entry supplies init_config and open_params.
                syscall = PluginValidator.validate(config, extension);
                continue;
            }
            RegisteredPlugin plugin = PluginValidator.validate(config, extension);
            for (RegisteredPlugin other : all()) {
                if (other.name().equals(plugin.name())) {
                    throw new PluginLoadException("found another plugin with name " + plugin.name() + ". Aborting.");
                }
                if (plugin.info().id() != 0 && other.info().id() == plugin.info().id()) {
                    throw new PluginLoadException("found another plugin with ID " + plugin.info().id() + ". Aborting.");
                }
            }
            configured.add(plugin);
        }
        return List.copyOf(configured);
    }

    /**
     * Selects the sources, initialises plugin states (once per source a plugin serves), attaches
     * extractors to the sources they are compatible with and builds the catalogues.
     */
    public void initialise() throws PluginLoadException {
        Set<String> loaded = new LinkedHashSet<>();
        if (syscall != null) {
            loaded.add(SYSCALL);
        }
        for (RegisteredPlugin plugin : configured) {
            if (plugin.sourcesEvents()) {
                loaded.add(plugin.info().eventSource());
            }
        }
        loadedSources.addAll(loaded);
        selectEnabled(loaded);
        options.log().log(PluginLogger.Level.INFO, "Loaded event sources: " + String.join(", ", loadedSources));
        options.log().log(PluginLogger.Level.INFO, "Enabled event sources: " + String.join(", ", enabledSources));
        for (String source : enabledSources) {
            RegisteredPlugin first = sourcePluginOf(source);
            for (RegisteredPlugin other : configured) {
                if (other != first && other.sourcesEvents() && other.info().eventSource().equals(source)) {
                    options.log().log(PluginLogger.Level.WARNING, "Enabled event source '" + source
                            + "' can be opened with multiple loaded plugins, will use only '" + first.name() + "'");
                    break;
                }
            }
        }

        // Falco initialises every plugin once at load time; that state then serves its first source.
        Map<RegisteredPlugin, PluginInstance> unused = new IdentityHashMap<>();
        for (RegisteredPlugin plugin : all()) {
            unused.put(plugin, init(plugin));
        }
        Set<RegisteredPlugin> attachedSomewhere = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (String source : loadedSources) {
            RegisteredPlugin sourcePlugin = sourcePluginOf(source);
            Map<RegisteredPlugin, PluginInstance> states = new IdentityHashMap<>();
            PluginInstance sourceState = stateFor(sourcePlugin, unused, states);
            List<FieldProvider> providers = new ArrayList<>();
            Map<String, String> owners = new HashMap<>();
            if (!SYSCALL.equals(source)) {
                FieldProvider host = HostFields.provider(source, sourcePlugin.name(), sourceState, options.hostName());
                providers.add(host);
                host.fields().forEach(f -> owners.put(f.name(), host.name()));
            }
            for (RegisteredPlugin plugin : all()) {
                if (!plugin.extractsFrom(source)) {
                    continue;
                }
                for (FieldSpec field : plugin.fields()) {
                    if (owners.putIfAbsent(field.name(), plugin.name()) != null) {
                        throw new PluginLoadException("Plugin '" + plugin.name() + "' supports extraction of field '"
                                + field.name() + "' that is overlapping for source '" + source + "'");
                    }
                }
                PluginInstance state = stateFor(plugin, unused, states);
                attachedSomewhere.add(plugin);
                providers.addAll(fieldClasses(plugin, (spec, argument) -> state.bindField(spec, argument)));
            }
            catalogs.put(source, new PluginFieldCatalog(source, providers,
                    PluginCalls.guarded(sourcePlugin.name(), () -> sourcePlugin.plugin().eventTypes())));
            if (enabledSources.contains(source)) {
                bindings.put(source, new SourceBinding(source, sourcePlugin.name(), sourcePlugin.info().id(), sourceState,
                        sourcePlugin.config().openParams()));
            }
            attachedSomewhere.add(sourcePlugin);
        }
        for (RegisteredPlugin plugin : configured) {
            if (plugin.extractsFields() && !attachedSomewhere.contains(plugin)) {
                throw new PluginLoadException("Plugin '" + plugin.name()
                        + "' is loaded but unused as not compatible with any known event source");
            }
        }
        unused.values().forEach(PluginHost::closeQuietly);
        instances.removeAll(unused.values());
    }

    /**
     * The field classes a plugin's fields are listed under: {@code <name> (plugin)} as libsinsp
     * shows plugin fields, except the built-in syscall source, whose fields keep libsinsp's own
     * classes ({@code evt}, {@code process}, {@code fd} ...), found from the field name's prefix.
     */
    private static List<FieldProvider> fieldClasses(RegisteredPlugin plugin, dev.peregrine.platform.field.FieldBinder binder) {
        if (!(plugin.sourcesEvents() && SYSCALL.equals(plugin.info().eventSource()))) {
            return List.of(new FieldProvider(plugin.name(), plugin.name() + " (plugin)", plugin.fields(), binder));
        }
        Map<String, List<FieldSpec>> byClass = new LinkedHashMap<>();
        for (FieldSpec field : plugin.fields()) {
            byClass.computeIfAbsent(syscallClassOf(field.name()), k -> new ArrayList<>()).add(field);
        }
        List<FieldProvider> classes = new ArrayList<>();
        byClass.forEach((name, fields) -> classes.add(new FieldProvider(plugin.name(), name, fields, binder)));
        return classes;
    }

    private static String syscallClassOf(String field) {
        int dot = field.indexOf('.');
        String prefix = dot < 0 ? field : field.substring(0, dot);
        return switch (prefix) {
            case "proc", "thread" -> "process";
            case "fs" -> "fs.path";
            default -> prefix;
        };
    }

    private void selectEnabled(Set<String> loaded) throws PluginLoadException {
        for (String source : options.enabledSources()) {
            if (!loaded.contains(source) && !SYSCALL.equals(source)) {
                throw new PluginLoadException("Attempted enabling an unknown event source: " + source);
            }
        }
        for (String source : options.disabledSources()) {
            if (!loaded.contains(source) && !SYSCALL.equals(source)) {
                throw new PluginLoadException("Attempted disabling an unknown event source: " + source);
            }
        }
        for (String source : loaded) {
            if ((options.enabledSources().isEmpty() || options.enabledSources().contains(source))
                    && !options.disabledSources().contains(source)) {
                enabledSources.add(source);
            }
        }
        if (enabledSources.isEmpty() && !(loaded.isEmpty() && options.enabledSources().isEmpty()
                && options.disabledSources().isEmpty())) {
            throw new PluginLoadException("Must enable at least one event source");
        }
    }

    private RegisteredPlugin sourcePluginOf(String source) {
        for (RegisteredPlugin plugin : all()) {
            if (plugin.sourcesEvents() && plugin.info().eventSource().equals(source)) {
                return plugin;
            }
        }
        throw new IllegalStateException("no plugin for loaded source " + source);
    }

    private PluginInstance stateFor(RegisteredPlugin plugin, Map<RegisteredPlugin, PluginInstance> unused,
                                    Map<RegisteredPlugin, PluginInstance> states) throws PluginLoadException {
        PluginInstance state = states.get(plugin);
        if (state == null) {
            state = unused.remove(plugin);
            if (state == null) {
                state = init(plugin);
            }
            states.put(plugin, state);
        }
        return state;
    }

    private PluginInstance init(RegisteredPlugin plugin) throws PluginLoadException {
        String config = plugin.config().initConfig();
        if (plugin.initSchema().isPresent()) {
            config = InitConfigSchema.check(plugin.name(), plugin.initSchema().get(), config);
        }
        PluginContext context = new HostPluginContext(plugin.name(), options);
        PluginInstance instance;
        try {
            instance = plugin.plugin().init(context, config);
        } catch (PluginException e) {
            throw new PluginLoadException("could not initialize plugin: " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new PluginLoadException("could not initialize plugin: plugin '" + plugin.name() + "' failed: "
                    + PluginCalls.describe(e), e);
        }
        if (instance == null) {
            throw new PluginLoadException("could not initialize plugin: plugin '" + plugin.name() + "' returned no state");
        }
        instances.add(instance);
        return instance;
    }

    /**
     * Checks the {@code required_plugin_versions} groups the rules collected (plugin-framework §3):
     * per group, the first member whose plugin is loaded must have a compatible version.
     */
    public void checkRequirements(List<RequiredPluginGroup> groups) throws PluginLoadException {
        PluginRequirements.check(groups, all());
    }

    /** {@code --list-plugins} text for the registered (configured) plugins. */
    public String listPlugins() {
        return PluginListings.listPlugins(configured);
    }

    /** {@code --list [source]} text; needs {@link #initialise}. */
    public String listFields(String source, boolean verbose, boolean namesOnly) {
        return PluginListings.listFields(catalogs, source, verbose, namesOnly);
    }

    /**
     * {@code --plugin-info <name>}: the configured plugin named (or with library path) {@code nameOrPath},
     * initialised with its init_config to learn its open-params suggestions.
     */
    public String pluginInfo(String nameOrPath) throws PluginLoadException {
        for (RegisteredPlugin plugin : configured) {
            if (plugin.name().equals(nameOrPath) || plugin.config().name().equals(nameOrPath)
                    || plugin.config().libraryPath().equals(nameOrPath)) {
                PluginInstance state = init(plugin);
                try {
                    List<dev.peregrine.api.OpenParamSuggestion> suggestions =
                            PluginCalls.guarded(plugin.name(), state::openParamSuggestions);
                    return PluginListings.pluginInfo(plugin, suggestions == null ? List.of() : suggestions);
                } finally {
                    instances.remove(state);
                    closeQuietly(state);
                }
            }
        }
        throw new PluginLoadException("can't find plugin and print its info: " + nameOrPath);
    }

    /** The configured plugins, in load order (the implicit syscall plugin is not among them). */
    public List<RegisteredPlugin> plugins() {
        return List.copyOf(configured);
    }

    /** Every registered plugin, the built-in syscall one first when loaded. */
    public List<RegisteredPlugin> all() {
        List<RegisteredPlugin> all = new ArrayList<>();
        if (syscall != null) {
            all.add(syscall);
        }
        all.addAll(configured);
        return all;
    }

    /** Sources with a plugin, {@code syscall} first. */
    public List<String> loadedSources() {
        return List.copyOf(loadedSources);
    }

    /** Loaded sources that will run, in order. */
    public List<String> enabledSources() {
        return List.copyOf(enabledSources);
    }

    /** The field catalogue of every loaded source (for rule loading). */
    public Map<String, FieldCatalog> catalogs() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(catalogs));
    }

    /** The catalogue implementations, with their field classes (for listings). */
    public Map<String, PluginFieldCatalog> pluginCatalogs() {
        return java.util.Collections.unmodifiableMap(catalogs);
    }

    /** What the source loops open, one per enabled source. */
    public List<SourceBinding> sourceBindings() {
        return List.copyOf(bindings.values());
    }

    /** Host options in effect. */
    public HostOptions options() {
        return options;
    }

    @Override
    public void close() {
        for (PluginInstance instance : instances) {
            closeQuietly(instance);
        }
        instances.clear();
        provider.close();
    }

    private static void closeQuietly(PluginInstance instance) {
        try {
            instance.close();
        } catch (RuntimeException ignored) {
            // close must not throw per the SPI; a plugin that does anyway cannot stop shutdown
        }
    }

    /** Services handed to one plugin: its log lines carry its name. */
    private record HostPluginContext(String pluginName, HostOptions options) implements PluginContext {
        @Override
        public PluginLogger logger() {
            return (level, message) -> options.log().log(level, pluginName + ": " + message);
        }

        @Override
        public String hostName() {
            return options.hostName();
        }
    }
}
