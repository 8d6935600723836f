package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.rules.result.Context;
import java.util.List;
import java.util.SortedSet;

/**
 * The keys one append or replace item changes on an existing rule; null means "not given".
 */
public record RuleUpdate(
        String name, Context context, String source,
        String condition, String output, String desc, SortedSet<String> tags,
        List<RuleException> exceptions, Priority priority, Boolean enabled, Boolean warnEvttypes,
        Boolean skipIfUnknownFilter, Boolean capture, Long captureDuration) {

    /** True when at least one key is given. */
    public boolean hasAnyValue() {
        return condition != null || output != null || desc != null || tags != null || exceptions != null
                || priority != null || enabled != null || warnEvttypes != null || skipIfUnknownFilter != null
                || capture != null || captureDuration != null;
    }
}
