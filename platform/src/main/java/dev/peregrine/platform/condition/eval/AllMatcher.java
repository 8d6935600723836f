package dev.peregrine.platform.condition.eval;

/** The {@code allof} modifier: every element matcher matches. */
final class AllMatcher implements ElementMatcher {
    private final ElementMatcher[] matchers;

    AllMatcher(ElementMatcher[] matchers) {
        this.matchers = matchers.clone();
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        for (ElementMatcher matcher : matchers) {
            if (!matcher.matches(values, index)) {
                return false;
            }
        }
        return true;
    }
}
