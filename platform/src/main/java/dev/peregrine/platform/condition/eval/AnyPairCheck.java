package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/**
 * A field-to-field check that holds when some left value compares true with some right value:
 * scalar comparisons (one value each side) and {@code intersects} between lists. A missing side
 * makes it false.
 */
final class AnyPairCheck implements CompiledFilter {
    private final CompiledOperand left;
    private final CompiledOperand right;
    private final ValueComparator comparator;
    private final ValueBuffer leftValues = new ValueBuffer();
    private final ValueBuffer rightValues = new ValueBuffer();

    AnyPairCheck(CompiledOperand left, CompiledOperand right, ValueComparator comparator) {
        this.left = left;
        this.right = right;
        this.comparator = comparator;
    }

    @Override
    public boolean matches(Event event) {
        if (!left.extract(event, leftValues) || !right.extract(event, rightValues)) {
            return false;
        }
        for (int i = 0, n = leftValues.size(); i < n; i++) {
            for (int j = 0, m = rightValues.size(); j < m; j++) {
                if (comparator.test(leftValues, i, rightValues, j)) {
                    return true;
                }
            }
        }
        return false;
    }
}
