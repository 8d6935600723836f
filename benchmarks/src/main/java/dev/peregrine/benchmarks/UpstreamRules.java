package dev.peregrine.benchmarks;

import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.engine.Ruleset;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.rules.result.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads Falco's upstream syscall rule files (from ../shared/compat/upstream-rules) into a ruleset. */
final class UpstreamRules {

    static final List<String> FILES = List.of(
            "falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml");

    private UpstreamRules() {
    }

    static Path directory() {
        Path dir = Path.of(System.getProperty("peregrine.upstreamRules", "../shared/compat/upstream-rules"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("upstream rules not found at " + dir.toAbsolutePath()
                    + "; run from the repository root beside ../shared or pass -Dperegrine.upstreamRules=DIR");
        }
        return dir;
    }

    /** Reads the files' text (kept out of timed sections). */
    static Map<String, String> read() {
        Path dir = directory();
        java.util.LinkedHashMap<String, String> texts = new java.util.LinkedHashMap<>();
        for (String file : FILES) {
            try {
                texts.put(dir.resolve(file).toString(), Files.readString(dir.resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    /** Loads and compiles the files in order; fails loudly if any does not load. */
    static Ruleset load(Map<String, String> texts, FieldCatalog syscall) {
        RulesLoader loader = new RulesLoader(Map.of("syscall", syscall));
        texts.forEach((name, text) -> {
            LoadResult result = loader.load(name, text);
            if (!result.successful()) {
                throw new IllegalStateException("rules did not load: " + name + ": " + result);
            }
        });
        return loader.ruleset();
    }
}
