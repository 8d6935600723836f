package dev.peregrine.platform.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML into plain mutable trees of {@code Map<String,Object>}, {@code List<Object>}, {@code String}
 * and {@code null}. Scalars stay text, like in yaml-cpp: each key is typed only when it is read, which is
 * what makes Falco's lenient typing (a bad value silently takes the default) possible.
 */
final class YamlTrees {

    private YamlTrees() {
    }

    /** Parses one document; an empty document gives an empty map. */
    static Object parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new NullOnlyResolver());
        try {
            return copy(yaml.load(text));
        } catch (YAMLException e) {
            throw new ConfigException(e.getMessage().replace('\n', ' ').strip(), e);
        }
    }

    /** Deep copy into mutable containers with string keys. */
    static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return node == null ? null : node.toString();
    }

    /** Only {@code null}, {@code ~} and empty values are recognised; every other scalar stays a string. */
    private static final class NullOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
