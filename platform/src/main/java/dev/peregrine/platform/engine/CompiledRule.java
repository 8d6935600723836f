package dev.peregrine.platform.engine;

import dev.peregrine.platform.condition.eval.CompiledFilter;
import dev.peregrine.platform.output.format.CompiledOutput;
import java.util.BitSet;
import java.util.Map;
import java.util.SortedSet;

/**
 * A rule ready to run.
 *
 * @param name         rule name
 * @param description  {@code desc}
 * @param priority     priority
 * @param source       event source
 * @param tags         sorted tags
 * @param enabled      enabled state from the rules files (configuration may change it in a {@link Ruleset})
 * @param outputText   output format after {@code append_output}
 * @param output       compiled output
 * @param extraFields  extra JSON output fields from {@code append_output}, by key
 * @param filter       compiled condition
 * @param eventCodes   event codes the condition can match (syscall-like sources), or null for all
 * @param index        first-definition index (evaluation order)
 * @param capture      {@code capture}
 * @param captureDurationMs {@code capture_duration}
 */
public record CompiledRule(String name, String description, Priority priority, String source,
                           SortedSet<String> tags, boolean enabled, String outputText, CompiledOutput output,
                           Map<String, CompiledOutput> extraFields, CompiledFilter filter, BitSet eventCodes,
                           int index, boolean capture, long captureDurationMs) {
    public CompiledRule {
        tags = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(tags));
        extraFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraFields));
    }
}
