package dev.peregrine.platform.boot;

import dev.peregrine.platform.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands {@code rules_files} entries: files as given, directories to their {@code *.yaml}/{@code *.yml}
 * regular files (case-sensitive, non-recursive, sorted by path); missing entries are dropped silently.
 */
final class RulesFiles {

    private RulesFiles() {
    }

    static List<Path> expand(List<String> entries) {
        List<Path> out = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".yaml")
                                    || p.getFileName().toString().endsWith(".yml"))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new ConfigException("Could not open file " + path + " for reading");
                }
            } else if (Files.exists(path)) {
                out.add(path);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("You must specify at least one rules file/directory via -r or a rules_file "
                    + "entry in falco.yaml");
        }
        return out;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("Could not open file " + file + " for reading");
        }
    }

    /** True when some YAML document of {@code content} is a map (a configuration file, not a rules list). */
    static boolean looksLikeConfiguration(String content) {
        try {
            for (Object document : new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).loadAll(content)) {
                if (document instanceof java.util.Map<?, ?>) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // the load result already reports YAML errors
        }
        return false;
    }
}
