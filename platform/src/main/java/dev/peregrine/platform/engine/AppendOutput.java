package dev.peregrine.platform.engine;

import java.util.Map;
import java.util.Set;

/**
 * An {@code append_output} configuration entry: for rules matching every given criterion
 * (null or empty = any), extra text for the output and extra JSON output fields.
 *
 * @param source      rule source, or null
 * @param tags        tags the rule must all have, or empty
 * @param rule        rule name, or null
 * @param extraOutput text appended to the output after a space, or null
 * @param extraFields extra JSON output fields: name to a format (a string value), or name to
 *                    null for a raw field of that name (its typed value)
 */
public record AppendOutput(String source, Set<String> tags, String rule, String extraOutput,
                           Map<String, String> extraFields) {
    public AppendOutput {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        extraFields = extraFields == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraFields));
    }

    /**
     * The {@code suggested_output: true} entry for one source: appends {@code a_b=%a.b} for every
     * field of the source that its plugin suggests for outputs, or null when there is none.
     */
    public static AppendOutput suggestedFor(String source, dev.peregrine.platform.field.FieldCatalog catalog) {
        String text = catalog.fields().stream().filter(dev.peregrine.api.FieldSpec::suggestedOutput)
                .map(f -> f.name().replace('.', '_') + "=%" + f.name())
                .collect(java.util.stream.Collectors.joining(" "));
        return text.isEmpty() ? null : new AppendOutput(source, Set.of(), null, text, Map.of());
    }

    /** True when the entry applies to a rule with these properties. */
    public boolean appliesTo(String ruleSource, Set<String> ruleTags, String ruleName) {
        return (source == null || source.isEmpty() || source.equals(ruleSource))
                && ruleTags.containsAll(tags)
                && (rule == null || rule.isEmpty() || rule.equals(ruleName));
    }
}
