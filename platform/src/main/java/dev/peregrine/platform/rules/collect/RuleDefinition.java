package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.rules.result.Context;
import java.util.List;
import java.util.SortedSet;

/** A full rule definition as read from one item. */
public record RuleDefinition(
        String name, Context context,
        String condition, Context conditionContext,
        String output, Context outputContext,
        String desc, Priority priority, String source,
        SortedSet<String> tags, List<RuleException> exceptions,
        boolean enabled, boolean warnEvttypes, boolean skipIfUnknownFilter,
        boolean capture, long captureDuration) {
}
