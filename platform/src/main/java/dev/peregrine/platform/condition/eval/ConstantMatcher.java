package dev.peregrine.platform.condition.eval;

/** A comparator bound to one constant parsed at compile time. */
final class ConstantMatcher implements ElementMatcher {
    private final ValueComparator comparator;
    private final ValueBuffer constants;
    private final int constantIndex;

    ConstantMatcher(ValueComparator comparator, ValueBuffer constants, int constantIndex) {
        this.comparator = comparator;
        this.constants = constants;
        this.constantIndex = constantIndex;
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        return comparator.test(values, index, constants, constantIndex);
    }
}
