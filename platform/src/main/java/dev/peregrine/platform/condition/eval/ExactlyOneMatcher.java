package dev.peregrine.platform.condition.eval;

/** The {@code oneof} modifier: exactly one element matcher matches (duplicates count twice). */
final class ExactlyOneMatcher implements ElementMatcher {
    private final ElementMatcher[] matchers;

    ExactlyOneMatcher(ElementMatcher[] matchers) {
        this.matchers = matchers.clone();
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        int count = 0;
        for (ElementMatcher matcher : matchers) {
            if (matcher.matches(values, index) && ++count > 1) {
                return false;
            }
        }
        return count == 1;
    }
}
