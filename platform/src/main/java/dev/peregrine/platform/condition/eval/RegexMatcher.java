package dev.peregrine.platform.condition.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code regex}: the whole value must match a pattern compiled once; the matcher is reused. */
final class RegexMatcher implements ElementMatcher {
    private final Matcher matcher;

    RegexMatcher(Pattern pattern) {
        this.matcher = pattern.matcher("");
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        return matcher.reset(values.stringAt(index)).matches();
    }
}
