package dev.peregrine.platform.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of falco.yaml's {@code plugins:} list.
 *
 * @param name        the name the configuration (and {@code load_plugins}) uses
 * @param libraryPath a jar path, or an upstream {@code libNAME.so} value mapped to a bundled plugin
 * @param initConfig  {@code init_config} already converted to a string (see {@link #initConfigText})
 * @param openParams  {@code open_params}, trimmed
 */
public record PluginConfig(String name, String libraryPath, String initConfig, String openParams) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PluginConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(libraryPath, "libraryPath");
        initConfig = initConfig == null ? "" : initConfig;
        openParams = openParams == null ? "" : openParams.strip();
    }

    /**
     * Converts an {@code init_config} value as SnakeYAML produced it: a map (or list) becomes compact
     * JSON with keys and values typed as YAML typed them, a scalar its text, null the empty string.
     */
    public static String initConfigText(Object yamlValue) {
        if (yamlValue == null) {
            return "";
        }
        if (yamlValue instanceof Map<?, ?> || yamlValue instanceof List<?>) {
            try {
                return JSON.writeValueAsString(stringKeys(yamlValue));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("init_config cannot be converted to JSON: " + e.getOriginalMessage(), e);
            }
        }
        return yamlValue.toString();
    }

    // YAML allows non-string keys (numbers, booleans); JSON object keys are their text.
    private static Object stringKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), stringKeys(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(stringKeys(v)));
            return copy;
        }
        return value;
    }

    /**
     * Falco's selection rule: without {@code load_plugins} (null) every entry loads in file order;
     * with it, exactly the listed names in list order.
     *
     * @throws PluginLoadException {@code Cannot load plugin '<n>': plugin config not found for given name}
     */
    public static List<PluginConfig> select(List<PluginConfig> catalogue, List<String> loadPlugins)
            throws PluginLoadException {
        if (loadPlugins == null) {
            return List.copyOf(catalogue);
        }
        List<PluginConfig> selected = new ArrayList<>(loadPlugins.size());
        for (String wanted : loadPlugins) {
            PluginConfig found = null;
            for (PluginConfig candidate : catalogue) {
                if (candidate.name().equals(wanted)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw new PluginLoadException("Cannot load plugin '" + wanted + "': plugin config not found for given name");
            }
            selected.add(found);
        }
        return List.copyOf(selected);
    }
}
