package dev.peregrine.platform.boot;

import dev.peregrine.platform.config.ConfigOverride;
import dev.peregrine.platform.config.PeregrineConfig.RuleSelection;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line. Legacy flags are already mapped to their modern meaning: configuration
 * changes are in {@link #derivedOverrides()}, rule selections in {@link #legacyRuleSelections()}, and the
 * deprecation warnings to print in {@link #warnings()}.
 *
 * @param args                 the raw arguments, for {@code --support}
 * @param configFile           {@code -c}
 * @param options              {@code -o} values in order
 * @param derivedOverrides     overrides implied by flags ({@code -r}, {@code -U}, {@code -e}, {@code -p} ...),
 *                             applied after {@code options}
 * @param legacyRuleSelections {@code -D}/{@code -T}/{@code -t} as {@code rules:} entries
 * @param rulesFiles           {@code -r} paths (empty when not given)
 * @param validateFiles        {@code -V} files
 * @param enableSources        {@code --enable-source}
 * @param disableSources       {@code --disable-source}
 * @param listRule             {@code -l <rule>}
 * @param listFields           {@code --list[=<source>]}: empty = not given, "" = every source
 * @param pluginInfo           {@code --plugin-info}
 * @param format               {@code --format}: text, markdown or json
 * @param durationSeconds      {@code -M}, 0 when not given
 * @param pidfile              {@code -P}
 * @param warnings             deprecation warnings, in order
 */
public record CommandLine(
        List<String> args,
        Optional<String> configFile,
        List<String> options,
        List<ConfigOverride> derivedOverrides,
        List<RuleSelection> legacyRuleSelections,
        List<String> rulesFiles,
        List<String> validateFiles,
        List<String> enableSources,
        List<String> disableSources,
        Optional<String> listRule,
        Optional<String> listFields,
        Optional<String> pluginInfo,
        String format,
        long durationSeconds,
        Optional<String> pidfile,
        boolean help,
        boolean version,
        boolean configSchema,
        boolean ruleSchema,
        boolean dryRun,
        boolean describeIgnoredEvents,
        boolean listRules,
        boolean listFieldNamesOnly,
        boolean listEvents,
        boolean listPlugins,
        boolean pageSize,
        boolean unbuffered,
        boolean verbose,
        boolean support,
        List<String> warnings) {

    public CommandLine {
        args = List.copyOf(args);
        options = List.copyOf(options);
        derivedOverrides = List.copyOf(derivedOverrides);
        legacyRuleSelections = List.copyOf(legacyRuleSelections);
        rulesFiles = List.copyOf(rulesFiles);
        validateFiles = List.copyOf(validateFiles);
        enableSources = List.copyOf(enableSources);
        disableSources = List.copyOf(disableSources);
        warnings = List.copyOf(warnings);
    }

    /** True when the command prints something and exits instead of running detection. */
    public boolean informational() {
        return help || version || configSchema || ruleSchema || pageSize || listRules || listRule.isPresent()
                || listFields.isPresent() || listEvents || listPlugins || pluginInfo.isPresent() || support
                || describeIgnoredEvents || !validateFiles.isEmpty();
    }
}
