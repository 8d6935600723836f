package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/**
 * A condition compiled into a tree of evaluation nodes. Nodes keep reusable value buffers, so an
 * instance must be used by one thread at a time; compile one per worker.
 */
@FunctionalInterface
public interface CompiledFilter {

    /** True when the event satisfies the condition. */
    boolean matches(Event event);
}
