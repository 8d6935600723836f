package dev.peregrine.platform.engine;

import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import dev.peregrine.platform.rules.collect.RuleCollector;
import dev.peregrine.platform.rules.collect.SourceFields;
import dev.peregrine.platform.rules.compile.ParserRuleSyntax;
import dev.peregrine.platform.rules.compile.RuleSyntax;
import dev.peregrine.platform.rules.compile.RulesCompiler;
import dev.peregrine.platform.rules.result.LoadException;
import dev.peregrine.platform.rules.result.LoadReport;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.rules.yaml.RulesFileReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads rules files one at a time into a shared, cumulative collection and recompiles the whole
 * collection after each file, as Falco does (§0). Each file gives one {@link LoadResult}; the
 * {@link Ruleset} comes from the last successful compile.
 */
public final class RulesLoader {

    /** Name of the asynchronous meta event of syscall-like sources. */
    private static final String ASYNC_EVENT = "asyncevent";

    private final Map<String, FieldCatalog> catalogs;
    private final RulesCompiler compiler;
    private final RuleCollector collector;
    private final RulesFileReader reader;
    private final Map<String, String> contents = new LinkedHashMap<>();
    private final Map<String, Integer> codeCounts = new HashMap<>();
    private final Map<String, int[]> asyncCodes = new HashMap<>();
    private Ruleset ruleset;

    /** A loader for rules of the given sources (a rule of any other source is kept but skipped). */
    public RulesLoader(Map<String, FieldCatalog> catalogsBySource) {
        this(catalogsBySource, List.of());
    }

    /** A loader that also applies {@code append_output} entries when rules compile. */
    public RulesLoader(Map<String, FieldCatalog> catalogsBySource, List<AppendOutput> appendOutputs) {
        this(catalogsBySource, appendOutputs, new ParserRuleSyntax());
    }

    RulesLoader(Map<String, FieldCatalog> catalogsBySource, List<AppendOutput> appendOutputs, RuleSyntax syntax) {
        this.catalogs = Map.copyOf(catalogsBySource);
        this.compiler = new RulesCompiler(catalogs, syntax, appendOutputs);
        this.collector = new RuleCollector(new SourceFields() {
            @Override
            public boolean knowsSource(String source) {
                return catalogs.containsKey(source);
            }

            @Override
            public boolean isFieldDefined(String source, String field) {
                return compiler.isFieldDefined(source, field);
            }
        });
        this.reader = new RulesFileReader(collector);
        catalogs.forEach((source, catalog) -> catalog.eventTypes().ifPresent(types -> {
            codeCounts.put(source, types.codeCount());
            asyncCodes.put(source, types.codesOf(ASYNC_EVENT));
        }));
        this.ruleset = new Ruleset(List.of(), codeCounts, asyncCodes);
    }

    /**
     * Reads {@code content} into the shared collection and compiles everything collected so far.
     * Stops at the first error; later files still see what this one added before it.
     */
    public LoadResult load(String fileName, String content) {
        contents.put(fileName, content);
        LoadReport report = new LoadReport(fileName, contents);
        if (!reader.read(fileName, content, report)) {
            return report.result();
        }
        try {
            ruleset = new Ruleset(compiler.compile(collector, report), codeCounts, asyncCodes,
                    compiler::compileForWorker);
        } catch (LoadException e) {
            report.error(e);
        }
        return report.result();
    }

    /** Every {@code required_plugin_versions} group read so far, for the plugin host to check. */
    public List<RequiredPluginGroup> pluginRequirements() {
        return collector.pluginGroups();
    }

    /** The rules of the last successful compile (empty before). */
    public Ruleset ruleset() {
        return ruleset;
    }
}
