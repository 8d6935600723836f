package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/** Negation. A check on a missing field is false, so its negation is true. */
final class NotFilter implements CompiledFilter {
    private final CompiledFilter child;

    NotFilter(CompiledFilter child) {
        this.child = child;
    }

    @Override
    public boolean matches(Event event) {
        return !child.matches(event);
    }
}
