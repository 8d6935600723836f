package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/** {@code in} between list fields: every left element equals some right element. */
final class EveryLeftInRightCheck implements CompiledFilter {
    private final CompiledOperand left;
    private final CompiledOperand right;
    private final ValueComparator equality;
    private final ValueBuffer leftValues = new ValueBuffer();
    private final ValueBuffer rightValues = new ValueBuffer();

    EveryLeftInRightCheck(CompiledOperand left, CompiledOperand right, ValueComparator equality) {
        this.left = left;
        this.right = right;
        this.equality = equality;
    }

    @Override
    public boolean matches(Event event) {
        if (!left.extract(event, leftValues) || !right.extract(event, rightValues)) {
            return false;
        }
        for (int i = 0, n = leftValues.size(); i < n; i++) {
            if (!containsLeft(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsLeft(int i) {
        for (int j = 0, m = rightValues.size(); j < m; j++) {
            if (equality.test(leftValues, i, rightValues, j)) {
                return true;
            }
        }
        return false;
    }
}
