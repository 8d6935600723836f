package dev.peregrine.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Falco's configuration pipeline: read the main file, expand environment variables, validate the schema
 * (warnings only), merge {@code config_files} includes with their strategies, apply every {@code -o}
 * in order, then interpret the merged tree into a {@link PeregrineConfig} (semantic errors are fatal).
 */
public final class ConfigLoader {

    /** The file Falco reads when no {@code -c} is given. */
    public static final String DEFAULT_CONFIG_PATH = "/etc/falco/falco.yaml";

    private final Function<String, String> environment;

    /** @param environment environment variable lookup (System::getenv in production) */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Loads {@code mainFile} and applies {@code options} ({@code -o key=value} strings).
     *
     * @throws ConfigException with the exact user-facing sentence on any fatal error
     */
    public LoadedConfig load(Path mainFile, List<String> options) {
        List<ConfigOverride> overrides = new ArrayList<>();
        for (String option : options) {
            overrides.add(ConfigOverride.parse(option));
        }
        return loadWithOverrides(mainFile, overrides);
    }

    /** Like {@link #load} with options already parsed (the command line adds derived overrides). */
    public LoadedConfig loadWithOverrides(Path mainFile, List<ConfigOverride> overrides) {
        Map<String, Object> root = readFile(mainFile, true);
        List<String> loaded = new ArrayList<>();
        Map<String, String> status = new LinkedHashMap<>();
        loaded.add(mainFile.toString());
        status.put(mainFile.toString(), ConfigSchema.validate(root));

        // -o config_files... decides which includes are read, so it is applied before merging.
        Map<String, Object> includeView = new LinkedHashMap<>();
        if (root.containsKey("config_files")) {
            includeView.put("config_files", YamlTrees.copy(root.get("config_files")));
        }
        for (ConfigOverride override : overrides) {
            if (override.rootKey().equals("config_files")) {
                override.applyTo(includeView);
            }
        }
        for (Include include : includes(includeView, mainFile)) {
            Map<String, Object> document = readFile(include.path(), false);
            loaded.add(include.path().toString());
            status.put(include.path().toString(), ConfigSchema.validate(document));
            if (document.containsKey("config_files")) {
                throw new ConfigException("Config error: 'config_files' directive in included config file "
                        + include.path() + ".");
            }
            merge(root, document, include.strategy());
        }
        for (ConfigOverride override : overrides) {
            override.applyTo(root);
        }

        List<ConfigMessage> messages = new ArrayList<>();
        messages.add(ConfigMessage.info("Falco initialized with configuration files:"));
        status.forEach((path, result) -> messages.add(result.equals("ok")
                ? ConfigMessage.info("   " + path + " | schema validation: ok")
                : ConfigMessage.warning("   " + path + " | schema validation: " + result)));
        PeregrineConfig config = new ConfigInterpreter(root, loaded, messages).interpret();
        return new LoadedConfig(config, messages);
    }

    /**
     * Interprets the defaults plus {@code overrides} when there is no configuration file at all (Falco
     * still answers {@code --version}, {@code --help} and listings then). No output is required.
     */
    public LoadedConfig loadWithoutFile(List<ConfigOverride> overrides) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ConfigOverride override : overrides) {
            override.applyTo(root);
        }
        List<ConfigMessage> messages = new ArrayList<>();
        PeregrineConfig config = new ConfigInterpreter(root, List.of(), messages).interpret();
        return new LoadedConfig(config, messages);
    }

    /** How an included file merges into what was loaded before it. */
    enum Strategy { APPEND, OVERRIDE, ADD_ONLY }

    private record Include(Path path, Strategy strategy) {
    }

    private List<Include> includes(Map<String, Object> view, Path mainFile) {
        List<Include> out = new ArrayList<>();
        Object node = view.get("config_files");
        List<Object> items = node instanceof List<?> list ? new ArrayList<>(list)
                : node == null ? List.of() : List.of(node);
        for (Object item : items) {
            String path;
            Strategy strategy = Strategy.APPEND;
            if (item instanceof String s) {
                path = s;
            } else if (item instanceof Map<?, ?> map && map.get("path") instanceof String s) {
                path = s;
                if (map.get("strategy") instanceof String st) {
                    strategy = switch (st.strip().toLowerCase(Locale.ROOT)) {
                        case "override" -> Strategy.OVERRIDE;
                        case "add-only" -> Strategy.ADD_ONLY;
                        default -> Strategy.APPEND;
                    };
                }
            } else {
                continue;
            }
            if (path.isEmpty()) {
                continue;
            }
            Path entry = Path.of(path);
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.list(entry)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.add(checkedInclude(file, strategy, mainFile));
                    }
                } catch (IOException e) {
                    throw new ConfigException("Could not read config directory " + entry + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(entry)) {
                out.add(checkedInclude(entry, strategy, mainFile));
            }
        }
        return out;
    }

    private static Include checkedInclude(Path file, Strategy strategy, Path mainFile) {
        if (sameFile(file, mainFile)) {
            throw new ConfigException("Config error: 'config_files' directive tried to recursively include main "
                    + "config file: " + mainFile + ".");
        }
        return new Include(file, strategy);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> include, Strategy strategy) {
        for (Map.Entry<String, Object> entry : include.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (strategy) {
                case ADD_ONLY -> into.putIfAbsent(key, value);
                case OVERRIDE -> into.put(key, value);
                case APPEND -> {
                    if (into.get(key) instanceof List<?> existing && value instanceof List<?> added) {
                        ((List<Object>) existing).addAll(added);
                    } else {
                        into.put(key, value);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readFile(Path file, boolean main) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | SecurityException e) {
            if (main) {
                throw new ConfigException("Could not find configuration file at " + file);
            }
            throw new ConfigException("Could not read configuration file " + file + ": " + e.getMessage(), e);
        }
        Object tree;
        try {
            tree = YamlTrees.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException("Cannot read config file (" + file + "): " + e.getMessage(), e);
        }
        if (tree == null) {
            return new LinkedHashMap<>();
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new ConfigException("Cannot read config file (" + file + "): the top level must be a map of keys");
        }
        return (Map<String, Object>) new EnvExpander(environment).expandTree(tree);
    }
}
