package dev.peregrine.platform.condition.eval;

/** Numeric comparison of signed integers (and booleans stored as 0/1). */
final class SignedNumberComparator implements ValueComparator {
    private final Relation relation;

    SignedNumberComparator(Relation relation) {
        this.relation = relation;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        return relation.holds(Long.compare(left.longAt(leftIndex), right.longAt(rightIndex)));
    }
}
