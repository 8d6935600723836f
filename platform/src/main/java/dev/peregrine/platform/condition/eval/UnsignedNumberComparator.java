package dev.peregrine.platform.condition.eval;

/** Numeric comparison of 64-bit unsigned integers (uint64, absolute times). */
final class UnsignedNumberComparator implements ValueComparator {
    private final Relation relation;

    UnsignedNumberComparator(Relation relation) {
        this.relation = relation;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        return relation.holds(Long.compareUnsigned(left.longAt(leftIndex), right.longAt(rightIndex)));
    }
}
