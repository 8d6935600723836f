package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/**
 * A check against constants that holds when some extracted value matches: every scalar operator
 * (a scalar yields one value) and {@code intersects} on list fields. No value means false.
 */
final class AnyValueCheck implements CompiledFilter {
    private final CompiledOperand operand;
    private final ElementMatcher matcher;
    private final ValueBuffer values = new ValueBuffer();

    AnyValueCheck(CompiledOperand operand, ElementMatcher matcher) {
        this.operand = operand;
        this.matcher = matcher;
    }

    @Override
    public boolean matches(Event event) {
        if (!operand.extract(event, values)) {
            return false;
        }
        for (int i = 0, n = values.size(); i < n; i++) {
            if (matcher.matches(values, i)) {
                return true;
            }
        }
        return false;
    }
}
