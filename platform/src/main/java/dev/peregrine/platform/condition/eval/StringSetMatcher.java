package dev.peregrine.platform.condition.eval;

import java.util.Set;

/** Membership of a string in a constant set: {@code in}, {@code intersects}, {@code = anyof}. */
final class StringSetMatcher implements ElementMatcher {
    private final Set<String> members;

    StringSetMatcher(Set<String> members) {
        this.members = Set.copyOf(members);
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        return members.contains(values.stringAt(index));
    }
}
