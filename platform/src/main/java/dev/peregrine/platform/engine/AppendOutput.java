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
 * @param extraFields extra output field name to format, or empty
 */
public record AppendOutput(String source, Set<String> tags, String rule, String extraOutput,
                           Map<String, String> extraFields) {
    public AppendOutput {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        extraFields = extraFields == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraFields));
    }

    /** True when the entry applies to a rule with these properties. */
    public boolean appliesTo(String ruleSource, Set<String> ruleTags, String ruleName) {
        return (source == null || source.isEmpty() || source.equals(ruleSource))
                && ruleTags.containsAll(tags)
                && (rule == null || rule.isEmpty() || rule.equals(ruleName));
    }
}
