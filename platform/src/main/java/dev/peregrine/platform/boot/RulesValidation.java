package dev.peregrine.platform.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.platform.config.ConfigException;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.plugin.PluginLoadException;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.rules.result.LoadResultJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -V}: loads the files in order into one rule set and prints one result per file (text, or the
 * {@code falco_load_results} JSON object). Errors go to stdout and become the fatal message; warnings
 * only go to the log.
 */
final class RulesValidation {

    /** Checks the plugin requirements the loaded files declared. */
    @FunctionalInterface
    interface RequirementCheck {
        void check(RulesLoader loader) throws PluginLoadException;
    }

    private final Log log;
    private final PrintStream out;
    private final boolean json;

    RulesValidation(Log log, PrintStream out, boolean json) {
        this.log = log;
        this.out = out;
        this.json = json;
    }

    /** Validates {@code files}; returns normally when all are valid, else throws with the summary. */
    void validate(List<String> files, RulesLoader loader, RequirementCheck requirements)
            throws PluginLoadException, JsonProcessingException {
        log.info("Validating rules file(s):");
        files.forEach(f -> log.info("   " + f));
        List<LoadResult> results = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        boolean successful = true;
        for (String file : files) {
            String content = RulesFiles.read(Path.of(file));
            LoadResult result = loader.load(file, content);
            requirements.check(loader);
            results.add(result);
            successful &= result.successful();
            if (!summary.isEmpty()) {
                summary.append('\n');
            }
            if (!result.successful() || !result.hasWarnings()) {
                summary.append(result.verboseText());
            } else {
                summary.append(file).append(": Ok, with warnings");
                log.warning(result.verboseText());
            }
            if (!result.successful() && RulesFiles.looksLikeConfiguration(content)) {
                summary.append("\nHint: --validate expects a rules file, that is a YAML list of rule, macro, and "
                        + "list items. If this is a Falco configuration file, validate it and its configured rules "
                        + "with `falco -c ").append(file).append(" --dry-run` instead.");
            }
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(LoadResultJson.report(results)));
        } else {
            out.println(summary);
        }
        out.flush();
        if (!successful) {
            throw new ConfigException(summary.toString());
        }
    }
}
