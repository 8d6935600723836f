package dev.peregrine.platform.condition.eval;

/** Numeric comparison of doubles; NaN compares unequal to everything, as in C. */
final class DoubleComparator implements ValueComparator {
    private final Relation relation;

    DoubleComparator(Relation relation) {
        this.relation = relation;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        double a = left.doubleAt(leftIndex);
        double b = right.doubleAt(rightIndex);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return relation == Relation.NOT_EQUAL;
        }
        return relation.holds(a < b ? -1 : a > b ? 1 : 0);
    }
}
