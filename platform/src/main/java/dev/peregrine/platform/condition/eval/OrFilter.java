package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/** Disjunction, left to right, stopping at the first true child. */
final class OrFilter implements CompiledFilter {
    private final CompiledFilter[] children;

    OrFilter(CompiledFilter[] children) {
        this.children = children.clone();
    }

    @Override
    public boolean matches(Event event) {
        for (CompiledFilter child : children) {
            if (child.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
