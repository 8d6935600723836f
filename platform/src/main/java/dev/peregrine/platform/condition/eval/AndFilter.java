package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/** Conjunction, left to right, stopping at the first false child. */
final class AndFilter implements CompiledFilter {
    private final CompiledFilter[] children;

    AndFilter(CompiledFilter[] children) {
        this.children = children.clone();
    }

    @Override
    public boolean matches(Event event) {
        for (CompiledFilter child : children) {
            if (!child.matches(event)) {
                return false;
            }
        }
        return true;
    }
}
