package dev.peregrine.platform.condition.eval;

/** True when some element matcher matches, left to right; false when there are none. */
final class AnyMatcher implements ElementMatcher {
    private final ElementMatcher[] matchers;

    AnyMatcher(ElementMatcher[] matchers) {
        this.matchers = matchers.clone();
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        for (ElementMatcher matcher : matchers) {
            if (matcher.matches(values, index)) {
                return true;
            }
        }
        return false;
    }
}
