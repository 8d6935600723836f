package dev.peregrine.platform.condition.eval;

/** Equality and byte-lexicographic ordering of strings. */
final class StringRelationComparator implements ValueComparator {
    private final Relation relation;

    StringRelationComparator(Relation relation) {
        this.relation = relation;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        return relation.holds(Texts.compareAsUtf8(left.stringAt(leftIndex), right.stringAt(rightIndex)));
    }
}
