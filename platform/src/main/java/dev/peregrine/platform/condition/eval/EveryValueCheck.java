package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/** {@code in} on a list field: every element is in the set (an empty list qualifies). */
final class EveryValueCheck implements CompiledFilter {
    private final CompiledOperand operand;
    private final ElementMatcher matcher;
    private final ValueBuffer values = new ValueBuffer();

    EveryValueCheck(CompiledOperand operand, ElementMatcher matcher) {
        this.operand = operand;
        this.matcher = matcher;
    }

    @Override
    public boolean matches(Event event) {
        if (!operand.extract(event, values)) {
            return false;
        }
        for (int i = 0, n = values.size(); i < n; i++) {
            if (!matcher.matches(values, i)) {
                return false;
            }
        }
        return true;
    }
}
